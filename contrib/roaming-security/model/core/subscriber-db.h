/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home AuC's subscriber database: K, OPc, AMF and the SQN counter of each
 * IMSI, loaded from and saved to a line-oriented text file (doc/aka.rst).
 */
#ifndef ROAMSEC_SUBSCRIBER_DB_H
#define ROAMSEC_SUBSCRIBER_DB_H

#include "roamsec-bytes.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace roamsec {

/** What the subscriber holds: a USIM (UMTS AKA) or only a GSM SIM (GSM-MILENAGE triplets). */
enum class SimType
{
    Usim,
    Sim,
};

/** One subscriber. OP is never stored: the loader turns op= into OPc (TS 35.206 4.1). */
struct SubscriberRecord
{
    std::string imsi;     //!< 6..15 decimal digits
    Bytes k;              //!< 16 bytes
    Bytes opc;            //!< 16 bytes
    uint16_t amf{0x0000}; //!< authentication management field put in AUTN
    uint64_t sqn{0};      //!< 48-bit SQN of the last vector issued (SEQ || IND)
    SimType simType{SimType::Usim};
};

/**
 * In-memory subscriber table with a text load/save. Records keep the order in
 * which they were loaded or added, so a saved file diffs cleanly against its source.
 */
class SubscriberDatabase
{
public:
    static constexpr uint64_t kMaxSqn = (uint64_t{1} << 48) - 1;

    /**
     * Replaces the content with the file's. Throws ParseError "path:line: field: problem"
     * for a bad line and std::runtime_error when the file cannot be read; the
     * database is left unchanged on any error.
     */
    void Load(const std::string& path);
    /** Same as Load for text already in memory; name is used in error messages. */
    void LoadFromString(std::string_view text, const std::string& name = "<string>");

    /**
     * Writes every record in the load format, atomically (temporary file in the
     * same directory, then rename). Throws std::runtime_error on an I/O error.
     */
    void Save(const std::string& path) const;
    /** The text Save writes. */
    std::string ToString() const;

    const SubscriberRecord* Find(const std::string& imsi) const;
    SubscriberRecord* Find(const std::string& imsi);

    /** Adds a record; std::invalid_argument if it is malformed or the IMSI exists. */
    void Add(SubscriberRecord record);
    /** Replaces the record with the same IMSI; false if there is none. std::invalid_argument if
     * malformed. */
    bool Update(const SubscriberRecord& record);
    /** Sets the stored SQN (masked to 48 bits); false for an unknown IMSI. */
    bool SetSqn(const std::string& imsi, uint64_t sqn);

    size_t Size() const { return m_records.size(); }
    const std::vector<SubscriberRecord>& Records() const { return m_records; }
    void Clear();

    /** True for 6..15 decimal digits (E.212 allows up to 15). */
    static bool IsValidImsi(std::string_view imsi);

private:
    /** Throws std::invalid_argument naming the first malformed field. */
    static void Validate(const SubscriberRecord& record);

    std::vector<SubscriberRecord> m_records;
    std::map<std::string, size_t> m_index; //!< IMSI -> position in m_records
};

} // namespace roamsec

#endif // ROAMSEC_SUBSCRIBER_DB_H
