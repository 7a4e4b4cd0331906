/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Debian's ns-3 packages have no test-runner program; this one runs the
 * module's TestSuites with ns-3's own TestRunner (same options: --list,
 * --suite=NAME, --verbose, --fullness=...).
 */
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
