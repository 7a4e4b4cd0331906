#!/usr/bin/env bash
# Dissects the main scenario's pcap files with tshark and checks that
#  (a) no packet is malformed or carries an expert error (checksums, FCS and the
#      RADIUS Response Authenticator validated too),
#  (b) the expected protocols appear: EAPOL, EAP, EAP-AKA (type 23) with its
#      AKA-Challenge attributes numbered per profile, RADIUS Access-Request /
#      Access-Challenge / Access-Accept carrying EAP-AKA on the backhaul and the WAN,
#      and for pre-association-ptk the pre-authentication (EtherType 0x88C7) and
#      over-DS (local experimental EtherType 0x88B5) frames,
#  (c) every capture the scenario promises exists and is not empty.
# Both EAP-AKA profiles run (rfc4187 and draft); doc/pcap.rst explains the checks.
#
# Usage: check-pcaps.sh <roaming-handoff binary> [output dir to keep]
# Exit 0: pass (or SKIP when tshark is absent); 1: a check failed.
set -u

bin=${1:-}
keep=${2:-}

if ! command -v tshark >/dev/null 2>&1; then
    echo "SKIP: tshark not installed (apt-get install tshark)"
    exit 0
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "FAIL: scenario binary '$bin' is not executable"
    exit 1
fi

if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
# An empty configuration directory: the user's Wireshark preferences must not matter.
export WIRESHARK_CONFIG_DIR="$work/wireshark-config"
mkdir -p "$WIRESHARK_CONFIG_DIR"

# Secrets of RoamingSecurityHelper's defaults (AP <-> visited AAA, visited <-> home).
backhaul_secret=ap-visited-secret
wan_secret=visited-home-secret
num_aps=3

failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}
info()
{
    echo "  $*"
}

common_opts=(-n
    -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
    -o wlan.check_fcs:TRUE -o eth.check_fcs:TRUE)

# Runs tshark; its stderr (the root warning) is dropped unless it fails.
ts()
{
    local err
    err=$(mktemp "$work/tshark-err.XXXXXX")
    if ! tshark "$@" 2>"$err"; then
        echo "FAIL: tshark $* failed: $(grep -v 'Running as user' "$err" | head -3)" >&2
        rm -f "$err"
        return 1
    fi
    rm -f "$err"
}

# check_errors <pcap> <extra tshark options...>: malformed packets and expert errors fail,
# expert warnings are listed.
check_errors()
{
    local f=$1
    shift
    local out
    out=$(ts -r "$f" "${common_opts[@]}" "$@" \
        -Y '_ws.malformed || _ws.expert.severity >= 6291456' \
        -T fields -E occurrence=a -E aggregator=, \
        -e frame.number -e _ws.malformed -e _ws.expert.severity -e _ws.expert.message) || {
        fail "$(basename "$f"): tshark could not read it"
        return
    }
    local errors warnings
    errors=$(printf '%s\n' "$out" | awk -F'\t' 'NF && ($2 != "" || $3 ~ /8388608/)')
    warnings=$(printf '%s\n' "$out" | awk -F'\t' 'NF && $2 == "" && $3 !~ /8388608/')
    if [ -n "$errors" ]; then
        fail "$(basename "$f"): $(printf '%s\n' "$errors" | wc -l) malformed/error packet(s), first:"
        printf '%s\n' "$errors" | head -5 | sed 's/^/    frame /'
    fi
    if [ -n "$warnings" ]; then
        info "$(basename "$f"): $(printf '%s\n' "$warnings" | wc -l) expert warning(s), first:"
        printf '%s\n' "$warnings" | head -3 | sed 's/^/    frame /'
    fi
}

# fields <pcap> <filter> <extra opts...>: the protocol fields the checks look at, one
# line per frame: eapol.version eapol.type eap.code eap.type aka.subtype aka.attrs
# radius.code auth.valid auth.invalid llc.type eth.type data.len data.data
# wlan.fc.type_subtype rsn.pmkid.count tag.oui vendor.oui.type keydes.msgnr
fields()
{
    local f=$1 filter=$2
    shift 2
    ts -r "$f" "${common_opts[@]}" "$@" -Y "$filter" \
        -T fields -E occurrence=a -E aggregator=, \
        -e eapol.version -e eapol.type -e eap.code -e eap.type -e eap.aka.subtype \
        -e eap.aka.subtype.type -e radius.code -e radius.authenticator.valid \
        -e radius.authenticator.invalid -e llc.type -e eth.type -e data.len -e data.data \
        -e wlan.fc.type_subtype -e wlan.rsn.pmkid.count -e wlan.tag.oui -e wlan.tag.vendor.oui.type \
        -e wlan_rsna_eapol.keydes.msgnr
}

count()
{
    # count <file> <awk condition on the fields() columns>
    awk -F'\t' "$2 { n++ } END { print n + 0 }" "$1"
}

expect()
{
    # expect <what> <count>: fails when the count is 0.
    if [ "$2" -gt 0 ]; then
        info "ok   $1: $2"
    else
        fail "$method/$profile: no $1"
    fi
}

# Attribute numbers each profile may use (doc/eap-aka.rst); Wireshark's names are
# RFC 4187's, so a draft attribute outside RFC 4187 shows as another name or "Unassigned".
allowed_draft=" 1 2 3 4 5 6 7 8 9 129 130 131 132 "
allowed_rfc=" 1 2 3 4 6 10 11 12 13 14 17 19 20 21 22 129 130 132 133 134 135 "

check_aka_attributes()
{
    # check_aka_attributes <fields file> <allowed list>
    local bad
    bad=$(awk -F'\t' -v allowed="$2" '$4 == "23" && $6 != "" {
            n = split($6, a, ",");
            for (i = 1; i <= n; i++) if (index(allowed, " " a[i] " ") == 0) print a[i] }' "$1" |
        sort -n | uniq | tr '\n' ' ')
    if [ -n "$bad" ]; then
        fail "$method/$profile: EAP-AKA attribute number(s) outside the profile: $bad"
    fi
}

# check_message_authenticator <pcap> <secret>: Wireshark 4.0 verifies the Response
# Authenticator but not Message-Authenticator, so recompute it (RFC 3579 3.2: HMAC-MD5
# over the packet with the attribute zeroed, a response using its request's
# authenticator) and require it in every packet carrying EAP-Message.
check_message_authenticator()
{
    local f=$1 secret=$2 out
    if [ ! -x /usr/bin/python3 ]; then
        info "python3 absent: Message-Authenticator not recomputed"
        return
    fi
    out=$(ts -r "$f" -n -Y radius -T fields -e ip.src -e udp.srcport -e ip.dst -e udp.dstport \
        -e udp.payload | /usr/bin/python3 -c '
import hashlib, hmac, sys
secret = sys.argv[1].encode()
requests = {}
checked = bad = 0
for line in sys.stdin:
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 5 or not cols[4]:
        continue
    src, sport, dst, dport, pkt = cols[0], cols[1], cols[2], cols[3], bytes.fromhex(cols[4])
    code, ident, length = pkt[0], pkt[1], int.from_bytes(pkt[2:4], "big")
    pkt = pkt[:length]
    if code in (1, 4):  # Access-/Accounting-Request: keyed by client address, port, id
        requests[(src, sport, ident)] = pkt[4:20]
        req_auth = pkt[4:20]
    else:
        req_auth = requests.get((dst, dport, ident))
    attrs, pos, ma_at, has_eap = pkt[20:], 0, None, False
    while pos + 2 <= len(attrs):
        t, l = attrs[pos], attrs[pos + 1]
        if l < 2:
            break
        if t == 80 and l == 18:
            ma_at = 20 + pos + 2
        has_eap |= t == 79
        pos += l
    if ma_at is None:
        if has_eap:
            print(f"code {code} id {ident}: EAP-Message without Message-Authenticator (RFC 3579 3.3)")
            bad += 1
        continue
    if req_auth is None:
        print(f"code {code} id {ident}: no matching request in the capture")
        continue
    zeroed = pkt[:4] + req_auth + pkt[20:ma_at] + bytes(16) + pkt[ma_at + 16:]
    mac = hmac.new(secret, zeroed, hashlib.md5).digest()
    checked += 1
    if mac != pkt[ma_at:ma_at + 16]:
        print(f"code {code} id {ident}: Message-Authenticator {pkt[ma_at:ma_at+16].hex()} != {mac.hex()}")
        bad += 1
print(f"RESULT {checked} {bad}")
' "$secret") || {
        fail "$(basename "$f"): Message-Authenticator check could not run"
        return
    }
    local checked bad
    read -r _ checked bad <<<"$(printf '%s\n' "$out" | grep '^RESULT')"
    printf '%s\n' "$out" | grep -v '^RESULT' | head -5 | sed "s|^|  $(basename "$f"): |"
    if [ "${bad:-1}" -ne 0 ]; then
        fail "$(basename "$f"): ${bad:-?} RADIUS packet(s) with a wrong or missing Message-Authenticator"
    elif [ "${checked:-0}" -eq 0 ]; then
        fail "$(basename "$f"): no Message-Authenticator verified"
    else
        info "ok   $(basename "$f"): $checked Message-Authenticator(s) verified (RFC 3579 3.2)"
    fi
}

# Negative control: a hand-made EAP-Request/AKA-Challenge whose AT_RAND runs past the
# end of the packet must be flagged, or the malformed check proves nothing.
self_test()
{
    local f="$work/negative-control.pcap"
    local frame='\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x02\x88\x8e'
    frame+='\x02\x00\x00\x0c\x01\x01\x00\x0c\x17\x01\x00\x00\x01\x05\x00\x00'
    {
        printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00'
        printf '\xff\xff\x00\x00\x01\x00\x00\x00'
        printf '\x00\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x1e\x00\x00\x00'
        printf "$frame"
    } >"$f"
    local before=$failures
    check_errors "$f" >/dev/null
    if [ "$failures" -eq "$before" ]; then
        fail "negative control: tshark did not flag a truncated EAP-AKA attribute"
    else
        failures=$before
        info "ok   negative control (truncated AT_RAND) flagged as malformed"
    fi
}

run_profile()
{
    profile=$1
    local out="$work/$profile"
    mkdir -p "$out"
    echo "== profile $profile: $bin --pcap=1 --methods=all --profile=$profile"
    if ! "$bin" --pcap=1 --methods=all --profile="$profile" --outDir="$out" >"$out/stdout.txt" 2>&1; then
        fail "scenario failed (profile $profile): $(tail -3 "$out/stdout.txt")"
        return
    fi
    local methods
    methods=$(ls "$out" | sed -n 's/-\(wifi\|backhaul\|wan\)-[0-9]*-[0-9]*\.pcap$//p' | sort -u)
    for m in full-eap cached-pmk pre-association-ptk; do
        printf '%s\n' "$methods" | grep -qx "$m" || fail "profile $profile: no pcap at all for method $m"
    done
    local allowed=$allowed_rfc
    [ "$profile" = draft ] && allowed=$allowed_draft

    for method in $methods; do
        echo "-- $method ($profile)"
        local wifi=("$out/$method"-wifi-*.pcap)
        local backhaul=("$out/$method"-backhaul-*.pcap)
        local wan=("$out/$method"-wan-*.pcap)
        [ -e "${wifi[0]}" ] || wifi=()
        [ -e "${backhaul[0]}" ] || backhaul=()
        [ -e "${wan[0]}" ] || wan=()
        [ ${#wifi[@]} -eq $num_aps ] || fail "$method/$profile: ${#wifi[@]} wifi pcaps, expected $num_aps (one per AP)"
        [ ${#backhaul[@]} -eq 1 ] || fail "$method/$profile: ${#backhaul[@]} backhaul pcaps, expected 1"
        [ ${#wan[@]} -eq 1 ] || fail "$method/$profile: ${#wan[@]} WAN pcaps, expected 1"
        local f
        for f in "${wifi[@]}" "${backhaul[@]}" "${wan[@]}"; do
            # A pcap holding only its 24-byte file header has no packet.
            if [ "$(stat -c %s "$f")" -le 24 ]; then
                fail "$(basename "$f"): empty capture (finding: this link recorded nothing)"
            fi
        done

        local wf="$out/$method-wifi.fields" bf="$out/$method-backhaul.fields"
        local nf="$out/$method-wan.fields"
        : >"$wf"
        : >"$bf"
        : >"$nf"
        local proto='eapol || eap || radius || llc.type == 0x88c7 || eth.type == 0x88c7'
        proto+=' || llc.type == 0x88b5 || eth.type == 0x88b5'
        proto+=' || wlan.fc.type_subtype == 2 || wlan.fc.type_subtype == 3'
        for f in "${wifi[@]}"; do
            check_errors "$f"
            fields "$f" "$proto" >>"$wf" || fail "$(basename "$f"): tshark failed"
        done
        local radius_b=(-o radius.shared_secret:$backhaul_secret -o radius.validate_authenticator:TRUE)
        local radius_w=(-o radius.shared_secret:$wan_secret -o radius.validate_authenticator:TRUE)
        for f in "${backhaul[@]}"; do
            check_errors "$f" "${radius_b[@]}"
            check_message_authenticator "$f" "$backhaul_secret"
            fields "$f" "$proto" "${radius_b[@]}" >>"$bf" || fail "$(basename "$f"): tshark failed"
        done
        for f in "${wan[@]}"; do
            check_errors "$f" "${radius_w[@]}"
            check_message_authenticator "$f" "$wan_secret"
            fields "$f" "$proto" "${radius_w[@]}" >>"$nf" || fail "$(basename "$f"): tshark failed"
        done

        # Air: 802.1X with EAP-AKA, and the 4-way handshake of the first association.
        expect "wifi EAPOL frames" "$(count "$wf" '$1 != ""')"
        expect "wifi EAP-Request/Identity" "$(count "$wf" '$3 == "1" && $4 == "1"')"
        expect "wifi EAP-Response/Identity" "$(count "$wf" '$3 == "2" && $4 == "1"')"
        expect "wifi EAP-Request/AKA-Challenge (type 23, subtype 1) with AT_RAND and AT_AUTN" \
            "$(count "$wf" '$3 == "1" && $4 == "23" && $5 == "1" && ("," $6 ",") ~ /,1,/ && ("," $6 ",") ~ /,2,/')"
        expect "wifi EAP-Response/AKA-Challenge with AT_RES" \
            "$(count "$wf" '$3 == "2" && $4 == "23" && $5 == "1" && ("," $6 ",") ~ /,3,/')"
        expect "wifi EAP-Success" "$(count "$wf" '$3 == "3"')"
        local msg
        for msg in 1 2 3 4; do
            expect "wifi EAPOL-Key 4-way message $msg" "$(count "$wf" '$2 == "3" && $18 == "'$msg'"')"
        done
        if [ "$profile" = rfc4187 ]; then
            expect "AT_MAC (11) in EAP-Request/AKA-Challenge (RFC 4187 9.3)" \
                "$(count "$wf" '$3 == "1" && $4 == "23" && $5 == "1" && ("," $6 ",") ~ /,11,/')"
            expect "AT_MAC (11) in EAP-Response/AKA-Challenge (RFC 4187 9.4)" \
                "$(count "$wf" '$3 == "2" && $4 == "23" && $5 == "1" && ("," $6 ",") ~ /,11,/')"
        else
            info "draft AT_MAC (131, shown by Wireshark as \"Unassigned (131)\") in AKA-Challenge: $(count "$wf" '$4 == "23" && $5 == "1" && ("," $6 ",") ~ /,131,/')"
        fi
        check_aka_attributes "$wf" "$allowed"
        # Reassociation: an RSNE with PMKIDs (cached-pmk, returning to a cached AP) and our
        # vendor elements (OUI 0a-52-53 = 676435; SA Type List 1 + Authenticate PTK 3 in
        # the request, Selection 2 + response 4 in the answer) for pre-association-ptk.
        if [ "$method" = cached-pmk ]; then
            expect "Reassociation Request with an RSNE PMKID" "$(count "$wf" '$14 == "0x0002" && $15 >= 1')"
        fi
        if [ "$method" = pre-association-ptk ]; then
            expect "Reassociation Request with SA Type List (1) and Authenticate PTK request (3)" \
                "$(count "$wf" '$14 == "0x0002" && ("," $16 ",") ~ /,676435,/ && ("," $17 ",") ~ /,1,/ && ("," $17 ",") ~ /,3,/')"
            expect "Reassociation Response with SA Type Selection (2) and Authenticate PTK response (4)" \
                "$(count "$wf" '$14 == "0x0003" && ("," $16 ",") ~ /,676435,/ && ("," $17 ",") ~ /,2,/ && ("," $17 ",") ~ /,4,/')"
        fi
        info "EAP-AKA subtypes seen on the air: $(awk -F'\t' '$4 == "23" { print $5 }' "$wf" | sort -n | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')"

        # RADIUS on the backhaul (AP <-> visited AAA) and the WAN (visited <-> home AAA).
        local link lf
        for link in backhaul wan; do
            lf=$bf
            [ "$link" = wan ] && lf=$nf
            expect "$link RADIUS Access-Request" "$(count "$lf" '$7 == "1"')"
            expect "$link RADIUS Access-Challenge" "$(count "$lf" '$7 == "11"')"
            expect "$link RADIUS Access-Accept" "$(count "$lf" '$7 == "2"')"
            expect "$link RADIUS EAP-Message decoded as EAP-AKA" "$(count "$lf" '$7 != "" && $4 == "23"')"
            expect "$link RADIUS Response Authenticator valid (shared secret)" "$(count "$lf" '$8 == "1"')"
            local bad_auth
            bad_auth=$(count "$lf" '$9 == "1"')
            [ "$bad_auth" -eq 0 ] || fail "$method/$profile: $bad_auth $link RADIUS response(s) with an invalid Response Authenticator"
            check_aka_attributes "$lf" "$allowed"
            local rejects
            rejects=$(count "$lf" '$7 == "3"')
            [ "$rejects" -eq 0 ] || info "note: $rejects $link Access-Reject(s) (see doc/pcap.rst, findings)"
        done

        # EtherType 0x88C7 carries only pre-authentication EAPOL (802.11-2016 12.6.10.2:
        # EAP-Packet and EAPOL-Start). The over-DS pre-association messages are our own
        # vendor-specific elements (dd len 0a-52-53 subtype) on the IEEE 802 local
        # experimental EtherType 0x88B5, which Wireshark shows as data.
        local pre_eapol pre_other ds_element ds_other
        pre_eapol=$(cat "$wf" "$bf" | count /dev/stdin '($10 == "0x88c7" || $11 == "0x88c7") && $1 >= 1 && $1 <= 3 && ($2 == "0" || $2 == "1")')
        pre_other=$(cat "$wf" "$bf" | count /dev/stdin '($10 == "0x88c7" || $11 == "0x88c7") && !($1 >= 1 && $1 <= 3 && ($2 == "0" || $2 == "1"))')
        [ "$pre_other" -eq 0 ] || fail "$method/$profile: $pre_other EtherType 0x88C7 frame(s) that are not pre-authentication EAPOL"
        local is_element='substr($13, 1, 2) == "dd" && substr($13, 5, 6) == "0a5253" && (substr($13, 11, 2) ~ /^(05|1[0-3])$/)'
        ds_element=$(cat "$wf" "$bf" | count /dev/stdin "(\$10 == \"0x88b5\" || \$11 == \"0x88b5\") && $is_element")
        ds_other=$(cat "$wf" "$bf" | count /dev/stdin "(\$10 == \"0x88b5\" || \$11 == \"0x88b5\") && !($is_element)")
        [ "$ds_other" -eq 0 ] || fail "$method/$profile: $ds_other EtherType 0x88B5 frame(s) that are not an over-DS element"
        if [ "$method" = pre-association-ptk ]; then
            expect "0x88C7 pre-authentication EAPOL frames (wifi+backhaul)" "$pre_eapol"
            expect "0x88C7 pre-authentication EAP-AKA (wifi+backhaul)" \
                "$(cat "$wf" "$bf" | count /dev/stdin '($10 == "0x88c7" || $11 == "0x88c7") && $4 == "23"')"
            expect "0x88B5 over-DS PTK elements on the air" \
                "$(count "$wf" "\$10 == \"0x88b5\" && $is_element")"
            expect "0x88B5 over-DS PTK elements relayed on the backhaul" \
                "$(count "$bf" "\$11 == \"0x88b5\" && $is_element")"
            info "over-DS element subtypes (wifi+backhaul): $(cat "$wf" "$bf" | awk -F'\t' '$10 == "0x88b5" || $11 == "0x88b5" { print "0x" substr($13, 11, 2) }' | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')"
        else
            info "0x88C7 frames: $pre_eapol EAPOL; 0x88B5 frames: $ds_element over-DS elements"
        fi
    done
}

self_test
run_profile rfc4187
run_profile draft

if [ "$failures" -ne 0 ]; then
    echo "check-pcaps: $failures failure(s)"
    exit 1
fi
echo "check-pcaps: PASS"
exit 0
