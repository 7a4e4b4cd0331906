/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Human-readable names and key fields of protocol messages (EAPOL, EAP, EAP-AKA,
 * EAP-TSK, RADIUS, pre-association elements), for message sequence charts, logs
 * and teaching. Never throws: unparsable input is described as such.
 */
#ifndef ROAMSEC_MESSAGE_DESCRIBER_H
#define ROAMSEC_MESSAGE_DESCRIBER_H

#include "eap-aka-keys.h"
#include "roamsec-bytes.h"

#include <string>

namespace roamsec {

struct MessageDescription
{
    std::string protocol; //!< EAPOL, EAP, EAP-AKA, EAP-TSK, RADIUS, PREASSOC
    std::string name;     //!< e.g. "EAP-Request/AKA-Challenge", "EAPOL-Key 3/4"
    std::string fields;   //!< "RAND=…;AUTN=…" (full hex values)
};

/** An EAP packet (RFC 3748) and, for EAP-AKA and EAP-TSK, its subtype and key attributes. */
MessageDescription DescribeEap(const Bytes& eap, EapAkaProfile profile = EapAkaProfile::Draft04);
/** An EAPOL PDU: Start, Logoff, EAP-Packet (described as EAP) or EAPOL-Key message 1-4 / group 1-2.
 */
MessageDescription DescribeEapol(const Bytes& pdu, EapAkaProfile profile = EapAkaProfile::Draft04);
/** A RADIUS datagram: its code, identifier, State and the EAP it carries. */
MessageDescription DescribeRadius(const Bytes& datagram,
                                  EapAkaProfile profile = EapAkaProfile::Draft04);
/** A pre-authentication (0x88C7) payload: EAPOL or a pre-association PTK element. */
MessageDescription DescribePreauth(const Bytes& payload,
                                   EapAkaProfile profile = EapAkaProfile::Draft04);

/**
 * A Fast BSS Transition message: an RRB frame (EtherType 89-0d: FT Request/Response over
 * the DS, PMK-R1 push) or, with authentication true, an FT Authentication frame body.
 */
MessageDescription DescribeFt(const Bytes& payload, bool authentication = false);

} // namespace roamsec

#endif // ROAMSEC_MESSAGE_DESCRIBER_H
