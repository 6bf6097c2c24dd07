// SHA-256 for a draw's tickets (docs/sampling.md §6): one hash per eligible case, a million
// at a region's scale, so the hash is the draw's largest cost. Uses the CPU's SHA
// instructions (x86 SHA-NI) when it has them, a portable implementation otherwise; both
// give the same digests (Tests/AssaySamplingTests/Algorithm/TicketHashTests).
#ifndef CTICKETHASH_H
#define CTICKETHASH_H

#include <stddef.h>
#include <stdint.h>

/// A SHA-256 computation part way through: the state after the whole blocks hashed so far
/// and the bytes waiting for the next block.
typedef struct {
    uint32_t state[8];
    uint8_t pending[64];
    uint64_t length;  // bytes hashed so far, pending ones included
    uint32_t pendingCount;
    int accelerated;  // 1: SHA-NI compression
} ticket_hash_context;

/// 1 when this CPU has the SHA and SSE4.1 instructions the accelerated path uses.
int ticket_hash_has_sha_instructions(void);

/// A fresh computation; `accelerated` 0 forces the portable code (tests), 1 uses the SHA
/// instructions if the CPU has them.
void ticket_hash_start(ticket_hash_context *context, int accelerated);

void ticket_hash_add(ticket_hash_context *context, const uint8_t *bytes, size_t count);

/// Appends `value` as 8 big-endian bytes: a ticket spells each text's length so.
void ticket_hash_add_length(ticket_hash_context *context, uint64_t value);

/// The digest as four 64-bit words, each the big-endian reading of 8 digest bytes, so that
/// comparing the words in order compares the digests bytewise. `context` is left as it was:
/// a seed's context is reused for every case.
void ticket_hash_finish_words(const ticket_hash_context *context, uint64_t words[4]);

/// The digest as 32 bytes.
void ticket_hash_finish_bytes(const ticket_hash_context *context, uint8_t digest[32]);

/// The ticket of one case from its seed's context (after be64(len(seed)) ‖ seed):
/// SHA-256(… ‖ be64(len(case_id)) ‖ case_id) as four words.
void ticket_hash_case(const ticket_hash_context *seed, const uint8_t *caseID, size_t count, uint64_t words[4]);

/// The tickets of the consecutive cases `first ..< first + count`: case `c`'s id is
/// `bytes[starts[c] ..< starts[c + 1]]`, and the ticket of case `first + i` goes to
/// `words[4 * i ..< 4 * i + 4]`. Cases are hashed in the order they are stored: reading
/// a million ids in any other order waits on memory for each (a stratum's cases are spread
/// over the whole frame).
void ticket_hash_run(const ticket_hash_context *seed, const uint8_t *bytes, const intptr_t *starts,
                     size_t first, size_t count, uint64_t *words);

#endif
