#!/usr/bin/env bash
# Independent check of the core's FT-802.1X key hierarchy (there is no published
# known-answer vector for it): roamsec-ft-pcap writes a capture of a Fast BSS Transition
# built entirely by FtSupplicant/FtAuthenticator (fixed MSK, seeded randomness) followed
# by CCMP-128 data frames; Wireshark's dot11decrypt, given nothing but the MSK, derives
# PMK-R0 -> PMK-R1 -> PTK from the SSID, MDE, FTE (R0KH-ID, R1KH-ID, ANonce, SNonce) of the
# Reassociation frames, verifies the FTE MIC, unwraps the GTK and decrypts the data.
# Compared with what the core printed:
#   Reassociation Response: wlan.analysis.kck, wlan.analysis.kek, wlan.ft.subelem.gtk.key
#   uplink / downlink data: wlan.analysis.tk and the decrypted payload (data.data)
#   group-addressed data:   wlan.analysis.gtk and the decrypted payload
# Two controls prove the comparison can fail: an MSK with one XXKey byte (MSK[32]) changed
# must give no keys and no plaintext; an MSK with MSK[0] changed must give the same keys
# (FT-802.1X uses only the second half of the MSK, 12.7.1.7.3).
#
# Usage: check-wireshark.sh <roamsec-ft-pcap binary> [--tshark-msk=HEX] [KEEP_DIR]
#   --tshark-msk=HEX  give tshark this MSK instead of the generator's (the checks must fail)
# Exit 0: pass; 1: a check failed; 77: tshark is not installed (CTest skip).
set -u

gen=${1:-}
shift || true
tshark_msk=""
keep=""
for arg in "$@"; do
    case $arg in
    --tshark-msk=*) tshark_msk=${arg#--tshark-msk=} ;;
    *) keep=$arg ;;
    esac
done

if ! command -v tshark >/dev/null 2>&1; then
    echo "SKIP: tshark not found"
    exit 77
fi
if [ -z "$gen" ] || [ ! -x "$gen" ]; then
    echo "FAIL: generator '$gen' is not executable"
    exit 1
fi

if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
# An empty configuration directory: the user's Wireshark preferences and keys must not matter.
export WIRESHARK_CONFIG_DIR="$work/wireshark-config"
mkdir -p "$WIRESHARK_CONFIG_DIR"

failures=0
fail()
{
    echo "FAIL: $*"
    failures=$((failures + 1))
}

pcap=$work/ft.pcap
if ! "$gen" --out="$pcap" >"$work/core.txt"; then
    echo "FAIL: $gen did not write the capture"
    exit 1
fi
core()
{
    sed -n "s/^$1=//p" "$work/core.txt"
}
msk=$(core msk)
echo "tshark $(tshark --version 2>/dev/null | head -1 | sed 's/^TShark (Wireshark) //')"
echo "core: ssid=$(core ssid) r0kh_id=$(core r0kh_id) sta=$(core sta) bssid=$(core bssid)"
echo "core: kck=$(core kck) kek=$(core kek) tk=$(core tk) gtk=$(core gtk)"

# What Wireshark derived with the given MSK, as name=value lines. Two passes (-2) so that
# the Reassociation Response shows the KCK, KEK and the unwrapped GTK it found.
dissect()
{
    local key=$1 out=$2
    tshark -n -2 -r "$pcap" -o wlan.enable_decryption:TRUE \
        -o "uat:80211_keys:\"msk\",\"$key\"" \
        -T fields -E separator=/t -E occurrence=f \
        -e wlan.fc.type_subtype -e wlan.fc.ds -e wlan.da \
        -e wlan.analysis.kck -e wlan.analysis.kek -e wlan.ft.subelem.gtk.key \
        -e wlan.analysis.tk -e wlan.analysis.gtk -e data.data \
        -e _ws.malformed -e _ws.expert.severity -e wlan_rsna_eapol.keydes.msgnr \
        2>"$out.err" >"$out.tsv" || {
        echo "FAIL: tshark exited with an error:"
        cat "$out.err"
        return 1
    }
    awk -F'\t' '
        $10 != "" { print "malformed=1" }
        $1 == "0x0003" { print "kck=" $4; print "kek=" $5; print "gtk_ft=" $6 }
        $12 == "3" { print "initial_kck=" $4; print "initial_kek=" $5 }
        $12 != "" { next }
        $1 == "0x0020" && $2 == "0x01" { print "tk_up=" $7; print "data_up=" $9 }
        $1 == "0x0020" && $2 == "0x02" && $3 != "ff:ff:ff:ff:ff:ff" {
            print "tk_down=" $7; print "data_down=" $9 }
        $1 == "0x0020" && $3 == "ff:ff:ff:ff:ff:ff" { print "gtk_group=" $8; print "data_group=" $9 }
    ' "$out.tsv" >"$out.txt"
}
ws()
{
    sed -n "s/^$2=//p" "$1.txt" | head -1
}

# Every field Wireshark shows must equal the core's value.
compare_all()
{
    local o=$1
    local pairs=(initial_kck:initial_kck initial_kek:initial_kek kck:kck kek:kek gtk_ft:gtk
        tk_up:tk tk_down:tk gtk_group:gtk data_up:data_up data_down:data_down
        data_group:data_group)
    local p w c bad=0
    for p in "${pairs[@]}"; do
        w=$(ws "$o" "${p%%:*}")
        c=$(core "${p##*:}")
        if [ -z "$c" ] || [ "$w" != "$c" ]; then
            echo "  ${p%%:*}: wireshark '${w}' != core '${c}'"
            bad=1
        fi
    done
    if grep -q '^malformed=' "$o.txt"; then
        echo "  a frame is malformed for Wireshark"
        bad=1
    fi
    return $bad
}

# dot11decrypt's debug log (tshark 4.0 prints it with --log-level debug) names what the
# fields do not show: PMKR0Name, PMKR1Name and the result of each FTE MIC check
# (Reassociation Request and Response). Writes name=value lines; empty when there is no log.
debug_log()
{
    local key=$1 out=$2
    tshark -n -r "$pcap" -o wlan.enable_decryption:TRUE \
        -o "uat:80211_keys:\"msk\",\"$key\"" --log-level debug 2>"$out.log" >/dev/null
    {
        sed -n 's/.*PMKR0Name: \([0-9a-f]*\).*/r0name=\1/p' "$out.log" | sort -u
        sed -n 's/.*PMKR1Name: \([0-9a-f]*\).*/r1name=\1/p' "$out.log" | sort -u
        echo "derivations=$(grep -c 'PMKR1Name: ' "$out.log")"
        echo "mic_failures=$(grep -c 'MIC verification failed' "$out.log")"
    } >"$out.names"
}
names()
{
    sed -n "s/^$2=//p" "$1.names" | tr '\n' ' ' | sed 's/ $//'
}

# Change byte `index` of a hex string (xor 0x01).
flip_byte()
{
    local hex=$1 index=$2
    local b=${hex:$((2 * index)):2}
    printf '%s%02x%s' "${hex:0:$((2 * index))}" $((0x$b ^ 1)) "${hex:$((2 * index + 2))}"
}

if [ -n "$tshark_msk" ]; then
    # Failure demonstration: the same checks with the MSK given on the command line.
    echo "tshark is given MSK $tshark_msk (the generator used $msk)"
    dissect "$tshark_msk" "$work/given" || exit 1
    if compare_all "$work/given"; then
        echo "PASS: Wireshark derived the core's keys with the given MSK"
        exit 0
    fi
    fail "Wireshark's keys and plaintext differ from the core's with the given MSK"
    exit 1
fi

dissect "$msk" "$work/right" || exit 1
if compare_all "$work/right"; then
    echo "ok: Wireshark derived the initial association's FT 4-way handshake keys (KCK, KEK"
    echo "    from PMK-R1, AES-128-CMAC MICs) and the transition's KCK, KEK, TK exactly as the"
    echo "    core did, unwrapped the GTK, verified the Reassociation Response MIC, decrypted"
    echo "    uplink, downlink and group CCMP data"
else
    fail "Wireshark and the core disagree (MSK $msk)"
fi

debug_log "$msk" "$work/right"
if [ "$(names "$work/right" derivations)" = "0" ]; then
    echo "note: this tshark prints no dot11decrypt debug log: PMKR0Name, PMKR1Name and the"
    echo "      Reassociation Request MIC are not checked"
else
    r0=$(names "$work/right" r0name)
    r1=$(names "$work/right" r1name)
    # PMK-R1 of AP 1 (initial 4-way handshake) and of AP 2 (transition), sorted as above
    r1core=$(printf '%s\n%s\n' "$(core initial_pmk_r1_name)" "$(core pmk_r1_name)" | sort -u \
        | tr '\n' ' ' | sed 's/ $//')
    if [ "$r0" != "$(core pmk_r0_name)" ] || [ "$r1" != "$r1core" ]; then
        fail "names: Wireshark PMKR0Name '$r0' PMKR1Name '$r1', core $(core pmk_r0_name) $r1core"
    elif [ "$(names "$work/right" mic_failures)" != "0" ] \
        || [ "$(names "$work/right" derivations)" -lt 2 ]; then
        fail "an FTE MIC did not verify for Wireshark ($(names "$work/right" derivations)" \
            "derivations, $(names "$work/right" mic_failures) MIC failures)"
    else
        echo "ok: same PMKR0Name $r0 and PMKR1Names $r1; the Reassociation Request and"
        echo "    Response MICs verify ($(names "$work/right" derivations) derivations, no MIC failure)"
    fi
fi

# Control 1: one XXKey byte changed: nothing may be derived or decrypted.
wrong=$(flip_byte "$msk" 32)
dissect "$wrong" "$work/wrong" || exit 1
leaked=$(grep -E '^(initial_kck|initial_kek|kck|kek|gtk_ft|tk_up|tk_down|gtk_group)=.' "$work/wrong.txt")
for d in data_up data_down data_group; do
    if [ "$(ws "$work/wrong" "$d")" = "$(core "$d")" ]; then
        leaked="$leaked $d"
    fi
done
if [ -n "$leaked" ] || compare_all "$work/wrong" >/dev/null; then
    fail "with MSK[32] changed Wireshark still found keys or plaintext: $leaked"
else
    echo "ok: with MSK[32] changed Wireshark derives nothing and decrypts nothing"
fi
debug_log "$wrong" "$work/wrong"
if [ "$(names "$work/wrong" derivations)" != "0" ] && [ "$(names "$work/wrong" mic_failures)" = "0" ]; then
    fail "with MSK[32] changed the debug log shows no MIC failure: the MIC check is not seen"
fi

# Control 2: the first half of the MSK is not part of FT-802.1X's XXKey.
first=$(flip_byte "$msk" 0)
dissect "$first" "$work/first" || exit 1
if compare_all "$work/first"; then
    echo "ok: with MSK[0] changed the keys are the same (XXKey = L(MSK, 256, 256))"
else
    fail "with MSK[0] changed Wireshark derived other keys: XXKey is not the MSK's second half"
fi

if [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures check(s) failed (files in ${keep:-a removed temporary directory})"
    exit 1
fi
echo "PASS: ft-wireshark-keys"
exit 0
