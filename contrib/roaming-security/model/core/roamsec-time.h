/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Time as the sans-IO state machines see it: passed in by the caller (the
 * ns-3 scheduler or a real clock), never read by the core itself.
 */
#ifndef ROAMSEC_TIME_H
#define ROAMSEC_TIME_H

#include <chrono>
#include <cstdint>

namespace roamsec {

/** An instant or a duration in nanoseconds, on whatever clock the caller drives. */
using TimeNs = std::chrono::nanoseconds;

constexpr TimeNs
Milliseconds(int64_t ms)
{
    return std::chrono::milliseconds(ms);
}

constexpr TimeNs
Seconds(int64_t s)
{
    return std::chrono::seconds(s);
}

} // namespace roamsec

#endif // ROAMSEC_TIME_H
