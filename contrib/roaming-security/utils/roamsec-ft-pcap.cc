/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roamsec-ft-pcap: writes a pcap (LINKTYPE_IEEE802_11, 105) of a whole Fast BSS Transition
 * (FT-802.1X AKM) whose elements and keys all come from the core's FtSupplicant and
 * FtAuthenticator (and, for the initial mobility domain association's 4-way handshake,
 * its Authenticator and Supplicant), with a fixed MSK and deterministic randomness, followed by data frames
 * protected with CCMP-128 under the derived TK (unicast) and the transported GTK (group).
 * An independent implementation (Wireshark's dot11decrypt, given only the MSK) can then
 * derive the same key hierarchy from the frames and decrypt the data:
 * test/fast-transition/check-wireshark.sh. The keys the core derived are printed on
 * stdout as name=hex lines. CCMP lives here, not in the core: the model never encrypts.
 */
#include "ns3/eapol.h"
#include "ns3/ft-keys.h"
#include "ns3/ft-session.h"
#include "ns3/roamsec-bytes.h"
#include "ns3/roamsec-crypto.h"
#include "ns3/rsn-handshake.h"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>
#include <string>

using namespace roamsec;

namespace {

const char* kUsage = "usage: roamsec-ft-pcap --out=FILE [--msk=HEX]\n"
                     "  --out=FILE   pcap to write (IEEE 802.11 frames, no radiotap, no FCS)\n"
                     "  --msk=HEX    MSK of the initial 802.1X authentication, 64 bytes\n"
                     "               (default: a fixed test MSK)\n"
                     "Prints the inputs and the keys the core derived as name=hex lines.\n";

// Default MSK: 00 01 02 ... 3f, so that XXKey (its second half) is 20 21 ... 3f.
const char* kDefaultMsk = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                          "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

const MacAddr kSta = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const MacAddr kAp1 = {0x02, 0x00, 0x00, 0x00, 0x01, 0x00};
const MacAddr kAp2 = {0x02, 0x00, 0x00, 0x00, 0x02, 0x00};
const MacAddr kGateway = {0x02, 0x00, 0x00, 0x00, 0x00, 0xfe}; //!< the wired host behind the APs
const MacAddr kBroadcast = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
const uint16_t kMdid = 0xa1b2;
const char* kSsid = "roamsec-ft";
const char* kR0khId1 = "ap1.roamsec";
const char* kR0khId2 = "ap2.roamsec";
const char* kGtk = "0f0e0d0c0b0a09080706050403020100";
const char* kGtk1 = "1f1e1d1c1b1a19181716151413121110"; //!< AP 1 (initial association)

// Frame control, first octet: type and subtype (9.2.4.1.3).
constexpr uint8_t kFcAssocRequest = 0x00;
constexpr uint8_t kFcAssocResponse = 0x10;
constexpr uint8_t kFcReassocRequest = 0x20;
constexpr uint8_t kFcReassocResponse = 0x30;
constexpr uint8_t kFcBeacon = 0x80;
constexpr uint8_t kFcAuthentication = 0xb0;
constexpr uint8_t kFcData = 0x08;
// Frame control, second octet.
constexpr uint8_t kFcToDs = 0x01;
constexpr uint8_t kFcFromDs = 0x02;
constexpr uint8_t kFcProtected = 0x40;

constexpr uint16_t kCapabilityEssPrivacy = 0x0011;       //!< ESS and Privacy (9.4.1.4)
constexpr uint16_t kEtherTypeLocalExperimental = 0x88b5; //!< IEEE 802 local experimental

void
PutLe16(Bytes& out, uint16_t v)
{
    out.push_back(static_cast<uint8_t>(v & 0xff));
    out.push_back(static_cast<uint8_t>(v >> 8));
}

void
PutLe32(Bytes& out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
    {
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
}

Bytes
Element(uint8_t id, const Bytes& body)
{
    return Concat({Bytes{id, static_cast<uint8_t>(body.size())}, body});
}

Bytes
SsidElement()
{
    return Element(0, ToBytes(kSsid));
}

Bytes
RatesElement()
{
    return Element(1, {0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24});
}

/** The RSNE an FT-802.1X BSS advertises (no PMKID): CCMP-128, AKM 00-0F-AC:3. */
Bytes
AdvertisedRsne()
{
    RsnElement rsne;
    rsne.akms = {kAkmFt8021x};
    return EncodeRsne(rsne);
}

/** A 24-octet MAC header (9.3.1.1, 9.3.2.1): FC, Duration, A1, A2, A3, Sequence Control. */
Bytes
MacHeader(uint8_t fc0, uint8_t fc1, const MacAddr& a1, const MacAddr& a2, const MacAddr& a3,
          uint16_t sequence)
{
    Bytes out{fc0, fc1};
    PutLe16(out, 0); // Duration: irrelevant in a capture
    out.insert(out.end(), a1.begin(), a1.end());
    out.insert(out.end(), a2.begin(), a2.end());
    out.insert(out.end(), a3.begin(), a3.end());
    PutLe16(out, static_cast<uint16_t>(sequence << 4)); // fragment number 0
    return out;
}

/** Management frame: A1 = DA, A2 = SA, A3 = BSSID. */
Bytes
Management(uint8_t fc0, const MacAddr& da, const MacAddr& sa, const MacAddr& bssid,
           uint16_t sequence, const Bytes& body)
{
    return Concat({MacHeader(fc0, 0, da, sa, bssid, sequence), body});
}

struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

/**
 * CCMP-128 encapsulation (IEEE 802.11-2016 12.5.3.3) of a non-QoS data frame with a
 * 24-octet header: sets the Protected bit, inserts the CCMP header (PN, Key ID, ExtIV) and
 * appends the 8-octet MIC. AAD (12.5.3.3.3): FC with Retry, Power Management and More Data
 * masked and Protected set, A1, A2, A3, Sequence Control with the sequence number masked
 * (no Duration).
 * Nonce (12.5.3.3.4): flags (priority 0, not management) || A2 || PN5..PN0.
 */
Bytes
CcmpEncrypt(const Bytes& tk, Bytes header, uint64_t pn, uint8_t keyId, const Bytes& plaintext)
{
    if (tk.size() != 16 || header.size() != 24)
    {
        throw std::invalid_argument("CCMP-128: 16-octet key and 24-octet header expected");
    }
    header[1] |= kFcProtected;
    // The AAD leaves the Duration field out (it may change in transit).
    Bytes aad(header.begin(), header.begin() + 2);
    aad.insert(aad.end(), header.begin() + 4, header.end());
    aad[0] &= 0x8f;                  // subtype bits 4..6 of a data frame
    aad[1] = (aad[1] & 0xc7) | 0x40; // Retry, PwrMgt, MoreData to 0; Protected 1
    aad[20] &= 0x0f;                 // keep the fragment number only
    aad[21] = 0;

    Bytes pnBytes(6);
    for (int i = 0; i < 6; ++i)
    {
        pnBytes[i] = static_cast<uint8_t>(pn >> (8 * i)); // PN0 first
    }
    Bytes nonce{0x00};
    nonce.insert(nonce.end(), header.begin() + 10, header.begin() + 16); // A2
    nonce.insert(nonce.end(), pnBytes.rbegin(), pnBytes.rend());         // PN5 first
    const auto keyIdOctet = static_cast<uint8_t>(0x20 | (keyId << 6));   // ExtIV and Key ID
    Bytes ccmpHeader{pnBytes[0], pnBytes[1], 0x00,       keyIdOctet,
                     pnBytes[2], pnBytes[3], pnBytes[4], pnBytes[5]};

    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    Bytes out(plaintext.size());
    Bytes mic(8);
    int len = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_ccm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, 13, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, 8, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, tk.data(), nonce.data()) != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, nullptr, static_cast<int>(plaintext.size()))
               != 1
        || EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size()))
               != 1
        || EVP_EncryptUpdate(ctx.get(), out.data(), &len, plaintext.data(),
                             static_cast<int>(plaintext.size()))
               != 1
        || EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &len) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, 8, mic.data()) != 1)
    {
        throw std::runtime_error("CCMP-128: OpenSSL AES-CCM failed");
    }
    return Concat({header, ccmpHeader, out, mic});
}

/**
 * The CCMP test vector of IEEE 802.11-2016 J.6.4 (TK, PN, MPDU and the expected protected
 * MPDU): CCMP lives only here, so it is checked here before any frame is written.
 */
bool
CcmpKnownAnswer()
{
    Bytes header = FromHex("0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033");
    Bytes out = CcmpEncrypt(FromHex("c97c1f67ce371185514a8a19f2bdd52f"), header, 0xb5039776e70c, 0,
                            FromHex("f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050"));
    return ToHex(out)
           == "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033" // header
              "0ce70020769703b5"                                 // CCMP header
              "f3d0a2fe9a3dbf2342a643e43246e80c3c04d019"         // encrypted data
              "7845ce0b16f97623";                                // MIC
}

/** LLC/SNAP with the local experimental EtherType, then the text (so tshark shows it as data). */
Bytes
SnapPayload(const std::string& text)
{
    Bytes out{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
    out.push_back(static_cast<uint8_t>(kEtherTypeLocalExperimental >> 8));
    out.push_back(static_cast<uint8_t>(kEtherTypeLocalExperimental & 0xff));
    Bytes t = ToBytes(text);
    out.insert(out.end(), t.begin(), t.end());
    return out;
}

/** LLC/SNAP header and an EAPOL PDU (EtherType 88-8e), unprotected: the 4-way handshake. */
Bytes
EapolPayload(const Bytes& pdu)
{
    Bytes out{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e};
    out.insert(out.end(), pdu.begin(), pdu.end());
    return out;
}

/** Classic pcap (microsecond timestamps), one frame every millisecond. */
class PcapWriter
{
public:
    explicit PcapWriter(const std::string& path)
        : m_out(path, std::ios::binary)
    {
        if (!m_out)
        {
            throw std::runtime_error("cannot open " + path);
        }
        Bytes header;
        PutLe32(header, 0xa1b2c3d4);
        PutLe16(header, 2);
        PutLe16(header, 4);
        PutLe32(header, 0);     // thiszone
        PutLe32(header, 0);     // sigfigs
        PutLe32(header, 65535); // snaplen
        PutLe32(header, 105);   // LINKTYPE_IEEE802_11
        Write(header);
    }

    void Frame(const Bytes& frame)
    {
        Bytes record;
        m_usec += 1000;
        PutLe32(record, static_cast<uint32_t>(1700000000 + m_usec / 1000000));
        PutLe32(record, static_cast<uint32_t>(m_usec % 1000000));
        PutLe32(record, static_cast<uint32_t>(frame.size()));
        PutLe32(record, static_cast<uint32_t>(frame.size()));
        Write(record);
        Write(frame);
    }

    void Close()
    {
        m_out.close();
        if (!m_out)
        {
            throw std::runtime_error("error writing the pcap");
        }
    }

private:
    void Write(const Bytes& b)
    {
        m_out.write(reinterpret_cast<const char*>(b.data()),
                    static_cast<std::streamsize>(b.size()));
    }

    std::ofstream m_out;
    uint64_t m_usec{0};
};

void
Require(bool ok, const std::string& what)
{
    if (!ok)
    {
        throw std::runtime_error("the core refused the exchange at: " + what);
    }
}

int
Run(const std::string& outPath, const Bytes& msk)
{
    if (!CcmpKnownAnswer())
    {
        throw std::runtime_error("CCMP-128 does not reproduce IEEE 802.11-2016 J.6.4");
    }
    SeededRandomSource staRng(1);
    SeededRandomSource ap1Rng(2);
    SeededRandomSource ap2Rng(3);
    const Bytes pairKey = FromHex("00112233445566778899aabbccddeeff");
    const MobilityDomainElement mde{kMdid, false, false}; // FT over the air only
    const TimeNs t0 = Seconds(10);

    FtSupplicant sta(FtSupplicantConfig{kSta, ToBytes(kSsid)}, staRng);
    FtAuthenticatorConfig c1;
    c1.bssid = kAp1;
    c1.ssid = ToBytes(kSsid);
    c1.mde = mde;
    c1.r0khId = ToBytes(kR0khId1);
    c1.r1khKeys = {{kAp1, pairKey}, {kAp2, pairKey}};
    FtAuthenticatorConfig c2 = c1;
    c2.bssid = kAp2;
    c2.r0khId = ToBytes(kR0khId2);
    c2.r1khKeys.clear();
    c2.r0khKeys = {{ToBytes(kR0khId1), pairKey}};
    FtAuthenticator ap1(c1, ap1Rng);
    FtAuthenticator ap2(c2, ap2Rng);
    const Bytes gtk = FromHex(kGtk);
    ap2.SetGroupKey(gtk, 1, Bytes(8, 0));

    PcapWriter pcap(outPath);
    uint16_t staSeq = 1;
    uint16_t apSeq = 1;
    Bytes open = FromHex("000001000000"); // Open System, sequence 1, status 0
    Bytes openReply = FromHex("000002000000");

    // Both APs of the mobility domain advertise it (9.3.3.3: SSID, rates, DS, RSNE, MDE).
    for (const MacAddr& ap : {kAp1, kAp2})
    {
        Bytes body(8, 0); // Timestamp
        PutLe16(body, 100);
        PutLe16(body, kCapabilityEssPrivacy);
        body = Concat({body, SsidElement(), RatesElement(), Element(3, {6}), AdvertisedRsne(),
                       EncodeMde(mde)});
        pcap.Frame(Management(kFcBeacon, kBroadcast, ap, ap, apSeq++, body));
    }

    // Initial mobility domain association with AP 1 (13.4).
    pcap.Frame(Management(kFcAuthentication, kAp1, kSta, kAp1, staSeq++, open));
    pcap.Frame(Management(kFcAuthentication, kSta, kAp1, kAp1, apSeq++, openReply));
    Bytes assocRequest = Concat(
        {SsidElement(), RatesElement(), AdvertisedRsne(), sta.InitialAssociationElements(mde)});
    Require(ap1.IsMobilityDomainRequest(assocRequest), "initial association request");
    Bytes body;
    PutLe16(body, kCapabilityEssPrivacy);
    PutLe16(body, 10); // Listen Interval
    pcap.Frame(
        Management(kFcAssocRequest, kAp1, kSta, kAp1, staSeq++, Concat({body, assocRequest})));
    Bytes assocResponse = ap1.InitialAssociationResponseElements();
    Require(sta.HandleInitialAssociationResponse(kAp1, assocResponse), "association response");
    body.clear();
    PutLe16(body, kCapabilityEssPrivacy);
    PutLe16(body, 0);      // Status: success
    PutLe16(body, 0xc001); // AID 1
    pcap.Frame(Management(kFcAssocResponse, kSta, kAp1, kAp1, apSeq++,
                          Concat({body, RatesElement(), assocResponse})));

    // The 802.1X authentication (not in the capture: Wireshark needs only the MSK) ends
    // with PMK-R0 at the STA and at AP 1, which pushes PMK-R1 to AP 2.
    auto pushes = ap1.InitialAuthentication(kSta, msk, t0);
    Require(pushes.size() == 1 && ap2.HandleKeyPush(pushes.at(0).payload, t0), "PMK-R1 push");
    Require(sta.InitialAuthenticationSucceeded(kAp1, msk), "PMK-R0 at the STA");

    // The initial association's 4-way handshake (12.7.6 with the FT AKM, 13.4.2): PTK from
    // PMK-R1 with the FT KDF, AES-128-CMAC MICs, PMKR1Name, MDE and FTE in messages 2 and 3.
    auto apKeys = ap1.InitialFourWay(kSta);
    auto staKeys = sta.InitialFourWay(kAp1);
    Require(apKeys && staKeys && apKeys->pmkR1.name == staKeys->pmkR1.name,
            "the same PMK-R1 for the initial 4-way handshake");
    AuthenticatorConfig ac;
    ac.aa = kAp1;
    ac.spa = kSta;
    ac.apRsne = AdvertisedRsne();
    ac.staRsne = AdvertisedRsne();
    SupplicantConfig sc;
    sc.aa = kAp1;
    sc.spa = kSta;
    sc.apRsne = AdvertisedRsne();
    sc.staRsne = AdvertisedRsne();
    Authenticator authenticator(ac, ap1Rng);
    Supplicant supplicant(sc, staRng);
    supplicant.SetFtPmkR1(*staKeys);
    GroupKey group1;
    group1.gtk = FromHex(kGtk1);
    HandshakeOutput toSta = authenticator.StartFt(*apKeys, group1, t0);
    for (int message = 1; message <= 4; message += 2)
    {
        Require(toSta.frames.size() == 1, "message " + std::to_string(message));
        pcap.Frame(Concat({MacHeader(kFcData, kFcFromDs, kSta, kAp1, kAp1, apSeq++),
                           EapolPayload(toSta.frames.front())}));
        HandshakeOutput toAp = supplicant.Receive(toSta.frames.front(), t0);
        Require(toAp.frames.size() == 1, "message " + std::to_string(message + 1));
        pcap.Frame(Concat({MacHeader(kFcData, kFcToDs, kAp1, kSta, kAp1, staSeq++),
                           EapolPayload(toAp.frames.front())}));
        toSta = authenticator.Receive(toAp.frames.front(), t0);
    }
    Require(authenticator.GetState() == Authenticator::State::PtkInitDone
                && supplicant.GetState() == Supplicant::State::Established
                && authenticator.GetPtk()->kck == supplicant.GetPtk()->kck,
            "initial 4-way handshake");
    const Ptk initialPtk = *supplicant.GetPtk();

    // FT over the air to AP 2 (13.5.1): Authentication sequence 1 and 2.
    Bytes request = sta.BuildRequest(kAp2);
    pcap.Frame(Management(kFcAuthentication, kAp2, kSta, kAp2, staSeq++,
                          EncodeFtAuthentication({1, 0, request})));
    FtResult answer = ap2.HandleRequest(kSta, request, t0 + Milliseconds(1));
    Require(answer.status == FtStatus::Success, "FT authentication request");
    pcap.Frame(Management(kFcAuthentication, kSta, kAp2, kAp2, apSeq++,
                          EncodeFtAuthentication({2, 0, answer.elements})));
    Require(sta.HandleResponse(kAp2, 0, answer.elements) == FtStatus::Success,
            "FT authentication response");

    // Reassociation (13.8.4, 13.8.5): Capability, Listen Interval, Current AP, elements.
    Bytes reassoc = sta.BuildReassociationElements(kAp2);
    body.clear();
    PutLe16(body, kCapabilityEssPrivacy);
    PutLe16(body, 10);
    body.insert(body.end(), kAp1.begin(), kAp1.end());
    pcap.Frame(Management(kFcReassocRequest, kAp2, kSta, kAp2, staSeq++,
                          Concat({body, SsidElement(), RatesElement(), reassoc})));
    FtResult response = ap2.HandleReassociation(kSta, reassoc, t0 + Milliseconds(2));
    Require(response.status == FtStatus::Success, "reassociation request");
    body.clear();
    PutLe16(body, kCapabilityEssPrivacy);
    PutLe16(body, 0);
    PutLe16(body, 0xc001);
    pcap.Frame(Management(kFcReassocResponse, kSta, kAp2, kAp2, apSeq++,
                          Concat({body, RatesElement(), response.elements})));
    Require(sta.HandleReassociationResponse(kAp2, 0, response.elements) == FtStatus::Success,
            "reassociation response");

    auto ptk = sta.GetInstalledPtk(kAp2);
    auto apPtk = ap2.GetInstalledPtk(kSta);
    Require(ptk && apPtk && ptk->keys.tk == apPtk->keys.tk && ptk->name == apPtk->name,
            "both ends installed the same PTK");
    Require(sta.GetGtk(kAp2) == gtk, "GTK transported in the FTE");

    // Data after the transition: uplink (To DS) and downlink (From DS) under the TK, and a
    // group-addressed frame under the GTK (Key ID 1), each with PN 1.
    const std::string up = "roamsec FT uplink under the TK";
    const std::string down = "roamsec FT downlink under the TK";
    const std::string group = "roamsec FT broadcast under the GTK";
    pcap.Frame(CcmpEncrypt(ptk->keys.tk,
                           MacHeader(kFcData, kFcToDs, kAp2, kSta, kGateway, staSeq++), 1, 0,
                           SnapPayload(up)));
    pcap.Frame(CcmpEncrypt(ptk->keys.tk,
                           MacHeader(kFcData, kFcFromDs, kSta, kAp2, kGateway, apSeq++), 1, 0,
                           SnapPayload(down)));
    pcap.Frame(CcmpEncrypt(gtk, MacHeader(kFcData, kFcFromDs, kBroadcast, kAp2, kGateway, apSeq++),
                           1, 1, SnapPayload(group)));
    pcap.Close();

    const Bytes pmkR1Name = FtPmkR1Name(sta.GetPmkR0Name(), kAp2, kSta);
    FtElement fte = DecodeFte(*FindElement(response.elements, kElementIdFastBssTransition));
    std::cout << "msk=" << ToHex(msk) << "\n"
              << "initial_kck=" << ToHex(initialPtk.kck) << "\n"
              << "initial_kek=" << ToHex(initialPtk.kek) << "\n"
              << "initial_tk=" << ToHex(initialPtk.tk) << "\n"
              << "initial_pmk_r1_name=" << ToHex(staKeys->pmkR1.name) << "\n"
              << "ssid=" << kSsid << "\n"
              << "mdid=" << ToHex(Slice(EncodeMde(mde), 2, 2)) << "\n"
              << "r0kh_id=" << kR0khId1 << "\n"
              << "sta=" << MacToString(kSta) << "\n"
              << "bssid=" << MacToString(kAp2) << "\n"
              << "snonce=" << ToHex(fte.sNonce) << "\n"
              << "anonce=" << ToHex(fte.aNonce) << "\n"
              << "pmk_r0_name=" << ToHex(sta.GetPmkR0Name()) << "\n"
              << "pmk_r1_name=" << ToHex(pmkR1Name) << "\n"
              << "kck=" << ToHex(ptk->keys.kck) << "\n"
              << "kek=" << ToHex(ptk->keys.kek) << "\n"
              << "tk=" << ToHex(ptk->keys.tk) << "\n"
              << "ptk_name=" << ToHex(ptk->name) << "\n"
              << "gtk=" << ToHex(gtk) << "\n"
              << "data_up=" << ToHex(ToBytes(up)) << "\n"
              << "data_down=" << ToHex(ToBytes(down)) << "\n"
              << "data_group=" << ToHex(ToBytes(group)) << "\n";
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string out;
    std::string mskHex = kDefaultMsk;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
        if (a.rfind("--out=", 0) == 0 && a.size() > 6)
        {
            out = a.substr(6);
        }
        else if (a.rfind("--msk=", 0) == 0)
        {
            mskHex = a.substr(6);
        }
        else
        {
            std::cerr << "roamsec-ft-pcap: unexpected argument '" << a << "'\n" << kUsage;
            return 2;
        }
    }
    if (out.empty())
    {
        std::cerr << "roamsec-ft-pcap: --out=FILE is required\n" << kUsage;
        return 2;
    }
    Bytes msk;
    try
    {
        msk = FromHex(mskHex);
    }
    catch (const ParseError&)
    {
        msk.clear();
    }
    if (msk.size() != 64)
    {
        std::cerr << "roamsec-ft-pcap: --msk: expected 64 bytes (128 hex digits)\n";
        return 2;
    }
    try
    {
        return Run(out, msk);
    }
    catch (const std::exception& e)
    {
        std::cerr << "roamsec-ft-pcap: " << e.what() << "\n";
        return 1;
    }
}
