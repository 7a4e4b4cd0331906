/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * roaming-lab: the attack and failure lab of doc/teaching.rst. Each case runs the
 * real protocols in the ns-3 model (one mobile, two or three APs, 50 ms WAN) with an
 * attacker, a rogue party or a misconfiguration, and prints one outcome line. It writes
 * <outDir>/<case>/handoffs-run<R>.csv, messages-run<R>.csv (with the lab columns
 * attacker, detect, case) and run<R>.json; analysis/viewer.py draws the messages.
 *
 *   roaming-lab --list
 *   roaming-lab --case=rogue-ap [--outDir=results/roaming-lab] [--run=1]
 *   roaming-lab --case=all
 */
#include "ns3/roaming-lab.h"

#include "ns3/core-module.h"
#include "ns3/roamsec-cli-check.h"

#include <filesystem>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    const std::string prog = "roaming-lab";
    bool list = false;
    std::string caseName;
    std::string outDir = "results/roaming-lab";
    std::string runArg = "1";
    CommandLine cmd(__FILE__);
    cmd.Usage("The attack and failure lab of doc/teaching.rst: one case per run.");
    cmd.AddValue("list", "print the cases, one line each, and exit", list);
    cmd.AddValue("case", "the case to run (see --list), or all", caseName);
    cmd.AddValue("outDir", "output directory (a folder per case is made in it)", outDir);
    cmd.AddValue("run", "ns-3 run number (the seed is 1)", runArg);
    cmd.Parse(argc, argv);

    if (list)
    {
        for (const auto& c : RoamingLab::GetCases())
        {
            std::cout << c.name << std::string(c.name.size() < 26 ? 26 - c.name.size() : 1, ' ')
                      << c.summary << "\n";
        }
        return 0;
    }
    std::vector<std::string> valid;
    for (const auto& c : RoamingLab::GetCases())
    {
        valid.push_back(c.name);
    }
    valid.emplace_back("all");
    if (caseName.empty())
    {
        roamsec::cli::Fail(prog, "case", caseName, "a case name (roaming-lab --list) or all");
    }
    roamsec::cli::RequireOneOf(prog, "case", caseName, valid);
    auto run = static_cast<uint32_t>(roamsec::cli::ParseCount(prog, "run", runArg, 1, 1000000));
    roamsec::cli::RequireWritableDir(prog, "outDir", outDir);

    std::vector<std::string> cases;
    if (caseName == "all")
    {
        cases.assign(valid.begin(), valid.end() - 1);
    }
    else
    {
        cases.push_back(caseName);
    }
    for (const auto& name : cases)
    {
        RoamingLabOptions options;
        options.outputDir = outDir + "/" + name;
        options.run = run;
        std::filesystem::create_directories(options.outputDir);
        RoamingLabResult result = RoamingLab::Run(name, options);
        std::cout << name << ": " << result.outcome << "\n";
    }
    return 0;
}
