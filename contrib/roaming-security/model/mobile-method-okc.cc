/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mobile-method-okc.h"

#include "roaming-core-adapter.h"

#include "ns3/pmksa-cache.h"
#include "ns3/simulator.h"

namespace ns3 {

bool
OkcMobileMethod::UsesPmkCaching() const
{
    return true;
}

void
OkcMobileMethod::PrepareRequest(Mac48Address bssid)
{
    roamsec::PmksaCache& cache = m_host.GetPmksa();
    auto now = ToCoreTime(Simulator::Now());
    roamsec::MacAddr sta = ToCoreMac(m_host.GetOwnAddress());
    Mac48Address current = m_host.GetCurrentBssid();
    if (current == bssid || cache.FindByAddresses(ToCoreMac(bssid), sta, now) != nullptr)
    {
        return;
    }
    const roamsec::PmksaEntry* held = cache.FindByAddresses(ToCoreMac(current), sta, now);
    if (held != nullptr)
    {
        // The same PMK for the new AP; the lifetime of the original authentication.
        cache.Add(held->pmk, ToCoreMac(bssid), sta, held->expiry - now, now);
    }
}

} // namespace ns3
