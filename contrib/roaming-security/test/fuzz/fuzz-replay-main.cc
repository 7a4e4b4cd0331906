/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Driver for the fuzz targets when libFuzzer is not available (gcc builds):
 * runs LLVMFuzzerTestOneInput over the files named on the command line, or,
 * with "--random N SEED", over N reproducible random inputs that are partly
 * mutations of the corpus files given after it. CTest uses the latter so that
 * every parser meets hostile input in every test run.
 */
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<uint8_t>
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        std::cerr << "cannot read " << path << "\n";
        std::exit(2);
    }
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

} // namespace

int
main(int argc, char** argv)
{
    std::vector<std::vector<uint8_t>> corpus;
    if (argc >= 4 && std::string(argv[1]) == "--random")
    {
        unsigned long count = std::strtoul(argv[2], nullptr, 10);
        std::mt19937_64 rng(std::strtoull(argv[3], nullptr, 10));
        for (int i = 4; i < argc; ++i)
        {
            corpus.push_back(ReadFile(argv[i]));
        }
        for (unsigned long n = 0; n < count; ++n)
        {
            std::vector<uint8_t> input;
            if (!corpus.empty() && n % 2 == 0)
            {
                // Mutate a corpus entry: flip, insert, delete or truncate a few bytes.
                input = corpus[rng() % corpus.size()];
                unsigned edits = 1 + rng() % 4;
                for (unsigned e = 0; e < edits; ++e)
                {
                    switch (rng() % 4)
                    {
                        case 0:
                            if (!input.empty())
                            {
                                input[rng() % input.size()]
                                    ^= static_cast<uint8_t>(1u << (rng() % 8));
                            }
                            break;
                        case 1:
                            input.insert(input.begin() + (input.empty() ? 0 : rng() % input.size()),
                                         static_cast<uint8_t>(rng()));
                            break;
                        case 2:
                            if (!input.empty())
                            {
                                input.erase(input.begin() + rng() % input.size());
                            }
                            break;
                        default:
                            input.resize(input.empty() ? 0 : rng() % input.size());
                            break;
                    }
                }
            }
            else
            {
                input.resize(rng() % 300);
                for (auto& b : input)
                {
                    b = static_cast<uint8_t>(rng());
                }
            }
            LLVMFuzzerTestOneInput(input.data(), input.size());
        }
        std::cout << "ran " << count << " inputs\n";
        return 0;
    }
    for (int i = 1; i < argc; ++i)
    {
        auto input = ReadFile(argv[i]);
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    return 0;
}
