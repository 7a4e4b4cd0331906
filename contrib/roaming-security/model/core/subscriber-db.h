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

class SqnJournal;

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
     * Writes every record atomically and durably (doc/aka.rst "Saving"): through a
     * symlink to its target, keeping an existing file's mode, owner, comments and
     * line order (only changed fields are rewritten); a new file gets mode 0600.
     * Throws std::runtime_error naming the path and the reason; the temporary file
     * is removed on error.
     */
    void Save(const std::string& path) const;
    /** The text Save writes for a new file. */
    std::string ToString() const;
    /**
     * The text Save writes over an existing file holding old: comment, blank and
     * unparsable lines kept, a changed SQN replaced in place, other changed records
     * rewritten (their comment kept), removed ones dropped, new ones appended.
     */
    std::string MergeInto(std::string_view old) const;

    const SubscriberRecord* Find(const std::string& imsi) const;
    SubscriberRecord* Find(const std::string& imsi);

    /** Adds a record; std::invalid_argument if it is malformed or the IMSI exists. */
    void Add(SubscriberRecord record);
    /** Replaces the record with the same IMSI; false if there is none. std::invalid_argument if
     * malformed. */
    bool Update(const SubscriberRecord& record);
    /**
     * Sets the stored SQN (masked to 48 bits); false for an unknown IMSI. With a
     * journal attached, the SQN is first reserved durably (may throw
     * std::runtime_error: then nothing changes).
     */
    bool SetSqn(const std::string& imsi, uint64_t sqn);

    /** SQNs set from now on are reserved in journal first (nullptr: detach). */
    void AttachJournal(SqnJournal* journal) { m_journal = journal; }

    /** The file Save really writes: path with its symlinks followed (path if none). */
    static std::string ResolveSymlinks(const std::string& path);
    /** Removes path's temporary file left by a killed Save; true if there was one. */
    static bool RemoveStaleTemp(const std::string& path);

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
    SqnJournal* m_journal{nullptr};
};

/**
 * Durable SQN reservations of an AuC (doc/aka.rst "SQN after a crash"). Before an
 * SQN above the reserved ceiling of its subscriber is used, a new ceiling (the SQN
 * plus reserveAhead) is appended and fsync'ed; after a crash, Open raises each
 * subscriber's SQN to its ceiling, so no SQN handed out before the crash is issued
 * again. One append per reserveAhead SQNs, not one per vector.
 */
class SqnJournal
{
public:
    /** reserveAhead in SQN units (SEQ || IND): 1024 = 32 SEQs with 5 IND bits. */
    explicit SqnJournal(uint64_t reserveAhead = 1024);
    ~SqnJournal();
    SqnJournal(const SqnJournal&) = delete;
    SqnJournal& operator=(const SqnJournal&) = delete;

    /**
     * Reads path (a missing file is an empty journal; a torn last line is ignored),
     * raises every known subscriber's SQN in db to its ceiling, rewrites the journal
     * compactly and keeps it open for appending. Throws std::runtime_error.
     */
    void Open(const std::string& path, SubscriberDatabase& db);
    /** Only reads and checks path (for --check); returns the number of records. */
    static size_t Check(const std::string& path);
    /** Makes sqn usable for imsi: appends and fsyncs a reservation when needed. */
    void Reserve(const std::string& imsi, uint64_t sqn);
    /** After the subscriber file was saved durably: the journal is no longer needed. */
    void Remove();
    /** Number of fsync'ed appends since Open (for tests and logs). */
    uint64_t Appends() const { return m_appends; }
    const std::string& Path() const { return m_path; }

private:
    static std::map<std::string, uint64_t> Read(const std::string& path);
    uint64_t m_reserveAhead;
    std::string m_path;
    int m_fd{-1};
    uint64_t m_appends{0};
    std::map<std::string, uint64_t> m_ceiling; //!< IMSI -> highest reserved SQN
};

} // namespace roamsec

#endif // ROAMSEC_SUBSCRIBER_DB_H
