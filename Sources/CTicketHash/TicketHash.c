// SHA-256 (FIPS 180-4) with two compression functions: x86 SHA-NI, chosen at run time when
// the CPU has it, and portable C. The rest (buffering, padding) is shared, so both paths
// differ only in how one 64-byte block is folded into the state.
#include "CTicketHash.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define TICKET_HASH_X86 1
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t initialState[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compressPortable(uint32_t state[8], const uint8_t block[64]) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + s1 + ch + K[i] + w[i];
        uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = s0 + maj;
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

#if TICKET_HASH_X86
/// One block with the SHA-NI instructions. The state is kept as the two halves the
/// instructions work on (ABEF and CDGH); each group of four rounds extends the message
/// schedule from the four groups before it.
__attribute__((target("sha,sse4.1")))
static void compressAccelerated(uint32_t state[8], const uint8_t block[64]) {
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);            // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);      // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);   // CDGH
    const __m128i abefSaved = state0, cdghSaved = state1;

    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 0)), byteSwap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16)), byteSwap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 32)), byteSwap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 48)), byteSwap);

#define TICKET_ROUNDS(w, g)                                                                  \
    do {                                                                                     \
        __m128i msg = _mm_add_epi32((w), _mm_loadu_si128((const __m128i *)&K[4 * (g)]));   \
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);                                 \
        msg = _mm_shuffle_epi32(msg, 0x0E);                                                  \
        state0 = _mm_sha256rnds2_epu32(state0, state1, msg);                                 \
    } while (0)
    // The next four schedule words from the last sixteen (a, b, c, d oldest first).
#define TICKET_SCHEDULE(a, b, c, d) \
    _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32((a), (b)), _mm_alignr_epi8((d), (c), 4)), (d))

    TICKET_ROUNDS(m0, 0);
    TICKET_ROUNDS(m1, 1);
    TICKET_ROUNDS(m2, 2);
    TICKET_ROUNDS(m3, 3);
    for (int g = 4; g < 16; g += 4) {
        m0 = TICKET_SCHEDULE(m0, m1, m2, m3);
        TICKET_ROUNDS(m0, g);
        m1 = TICKET_SCHEDULE(m1, m2, m3, m0);
        TICKET_ROUNDS(m1, g + 1);
        m2 = TICKET_SCHEDULE(m2, m3, m0, m1);
        TICKET_ROUNDS(m2, g + 2);
        m3 = TICKET_SCHEDULE(m3, m0, m1, m2);
        TICKET_ROUNDS(m3, g + 3);
    }
#undef TICKET_ROUNDS
#undef TICKET_SCHEDULE

    state0 = _mm_add_epi32(state0, abefSaved);
    state1 = _mm_add_epi32(state1, cdghSaved);
    tmp = _mm_shuffle_epi32(state0, 0x1B);          // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);       // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);    // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);       // HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
#endif

int ticket_hash_has_sha_instructions(void) {
#if TICKET_HASH_X86
    static int known = -1;
    if (known >= 0) return known;
    unsigned a, b, c, d;
    int sse41 = 0, sha = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) sse41 = (c >> 19) & 1 && (c >> 9) & 1;  // SSE4.1, SSSE3
    if (__get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        sha = (b >> 29) & 1;
    }
    known = sse41 && sha;
    return known;
#else
    return 0;
#endif
}

static inline void compress(ticket_hash_context *context, const uint8_t block[64]) {
#if TICKET_HASH_X86
    if (context->accelerated) {
        compressAccelerated(context->state, block);
        return;
    }
#endif
    compressPortable(context->state, block);
}

void ticket_hash_start(ticket_hash_context *context, int accelerated) {
    memcpy(context->state, initialState, sizeof initialState);
    context->length = 0;
    context->pendingCount = 0;
    context->accelerated = accelerated && ticket_hash_has_sha_instructions();
}

void ticket_hash_add(ticket_hash_context *context, const uint8_t *bytes, size_t count) {
    context->length += count;
    if (context->pendingCount > 0) {
        size_t room = 64 - context->pendingCount;
        size_t taken = count < room ? count : room;
        memcpy(context->pending + context->pendingCount, bytes, taken);
        context->pendingCount += (uint32_t)taken;
        bytes += taken;
        count -= taken;
        if (context->pendingCount < 64) return;
        compress(context, context->pending);
        context->pendingCount = 0;
    }
    while (count >= 64) {
        compress(context, bytes);
        bytes += 64;
        count -= 64;
    }
    if (count > 0) {
        memcpy(context->pending, bytes, count);
        context->pendingCount = (uint32_t)count;
    }
}

void ticket_hash_add_length(ticket_hash_context *context, uint64_t value) {
    uint8_t bytes[8];
    for (int i = 0; i < 8; i++) bytes[i] = (uint8_t)(value >> (56 - 8 * i));
    ticket_hash_add(context, bytes, 8);
}

/// Pads and folds the last block(s) into a copy of the state.
static void finish(const ticket_hash_context *context, uint32_t state[8]) {
    ticket_hash_context last = *context;
    uint8_t block[128];
    uint32_t n = last.pendingCount;
    memcpy(block, last.pending, n);
    block[n++] = 0x80;
    uint32_t total = n + 8 <= 64 ? 64 : 128;
    memset(block + n, 0, total - 8 - n);
    uint64_t bits = last.length * 8;
    for (int i = 0; i < 8; i++) block[total - 8 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(&last, block);
    if (total == 128) compress(&last, block + 64);
    memcpy(state, last.state, sizeof last.state);
}

void ticket_hash_finish_words(const ticket_hash_context *context, uint64_t words[4]) {
    uint32_t state[8];
    finish(context, state);
    for (int i = 0; i < 4; i++) words[i] = (uint64_t)state[2 * i] << 32 | state[2 * i + 1];
}

void ticket_hash_finish_bytes(const ticket_hash_context *context, uint8_t digest[32]) {
    uint32_t state[8];
    finish(context, state);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)state[i];
    }
}

void ticket_hash_case(const ticket_hash_context *seed, const uint8_t *caseID, size_t count, uint64_t words[4]) {
    uint32_t n = seed->pendingCount;
    if (n + 8 + count + 9 > 128) {
        // A long id: the general path, block by block.
        ticket_hash_context context = *seed;
        ticket_hash_add_length(&context, count);
        ticket_hash_add(&context, caseID, count);
        ticket_hash_finish_words(&context, words);
        return;
    }
    // The usual case: the seed's pending bytes, the id's length and the id, padded, make one
    // or two blocks, built here at once.
    uint8_t block[128];
    memcpy(block, seed->pending, n);
    for (int i = 0; i < 8; i++) block[n + i] = (uint8_t)((uint64_t)count >> (56 - 8 * i));
    memcpy(block + n + 8, caseID, count);
    size_t used = n + 8 + count;
    block[used++] = 0x80;
    size_t total = used + 8 <= 64 ? 64 : 128;
    memset(block + used, 0, total - 8 - used);
    uint64_t bits = (seed->length + 8 + count) * 8;
    for (int i = 0; i < 8; i++) block[total - 8 + i] = (uint8_t)(bits >> (56 - 8 * i));
    ticket_hash_context last;
    memcpy(last.state, seed->state, sizeof last.state);
    last.accelerated = seed->accelerated;
    compress(&last, block);
    if (total == 128) compress(&last, block + 64);
    for (int i = 0; i < 4; i++) words[i] = (uint64_t)last.state[2 * i] << 32 | last.state[2 * i + 1];
}

void ticket_hash_run(const ticket_hash_context *seed, const uint8_t *bytes, const intptr_t *starts,
                     size_t first, size_t count, uint64_t *words) {
    for (size_t i = 0; i < count; i++) {
        intptr_t start = starts[first + i], end = starts[first + i + 1];
        ticket_hash_case(seed, bytes + start, (size_t)(end - start), words + 4 * i);
    }
}
