/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target of the subscriber file parser: arbitrary bytes either load or
 * throw ParseError; a loaded database saves to text that loads back identically.
 */
#include "ns3/roamsec-bytes.h"
#include "ns3/subscriber-db.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace roamsec;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    SubscriberDatabase db;
    try
    {
        db.LoadFromString(text, "fuzz");
    }
    catch (const ParseError&)
    {
        return 0;
    }
    catch (...)
    {
        std::abort(); // anything but ParseError is a bug
    }
    try
    {
        const std::string saved = db.ToString();
        SubscriberDatabase again;
        again.LoadFromString(saved, "saved");
        if (again.Size() != db.Size() || again.ToString() != saved)
        {
            std::abort();
        }
    }
    catch (...)
    {
        std::abort(); // what Save writes must always load
    }
    return 0;
}
