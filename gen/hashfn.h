/* The lookup's hash functions. gen includes this file to build the tables
 * and copies it verbatim into smtpcode.h, so that both compute the same
 * slots. It depends on <stdint.h> and <stddef.h> only. */

/* Three perfect hashes: numbers (reply codes and SMTPCODE_STATUS() keys, for
 * smtpcode_reply and smtpcode_status), short keys of up to 7 bytes ("550",
 * "5.1.1", "<5.1.1>", "TSS04") and long keys (names, tokens, ids). Each key
 * is reduced to a 64-bit hash first (a product, no shift); the tables are
 * then alike. */
#define SMTPCODE__K1 0x9E3779B97F4A7C15ULL
#define SMTPCODE__K2 0xFF51AFD7ED558CCDULL

/* Keys are read eight, four or two bytes at a time. The loads are written
 * byte by byte, so the result does not depend on the machine's byte order
 * (compilers turn them into one load where they can). */
static inline uint64_t smtpcode__load8(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static inline uint64_t smtpcode__load2(const unsigned char *p)
{
	return (uint64_t)(uint16_t)(p[0] | p[1] << 8);
}

/* Case folding, eight bytes at once, for long keys: every byte from 0x40
 * to 0x5F gets bit 0x20, so capitals become small letters. It also merges
 * @ [ \ ] ^ _ with ` { | } ~ DEL; gen marks the keys that contain one of
 * those (SMTPCODE__ALIAS) and the look-up checks them byte by byte. */
#define SMTPCODE__FOLD(x) ((x) | (((x) & 0x4040404040404040ULL) >> 1))

/* Short keys (up to 7 bytes) are found byte for byte, without folding:
 * gen stores each case of their letters as a key of its own ("X.1.1" and
 * "x.1.1"), so that the look-up spends no instruction on case. */
static inline uint64_t smtpcode__load4(const unsigned char *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* One load, where the byte-by-byte form would share its bytes with
	 * the 3-byte key's and stay four loads. */
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24;
#endif
}

/* The bytes of a key of 3 to 7 bytes as one word under 2^56, with no
 * branch and without reading past its end: its last four bytes (a zero
 * word's for 3 bytes) and above them its bytes 0-2. For 4 to 7 bytes the
 * two overlap or meet and cover every byte, so that with the length the
 * word tells the key. The bytes that differ most between keys (the last)
 * are at the bottom, where the product mixes them into every bit above. */
static inline uint64_t smtpcode__short37(const unsigned char *p, size_t n)
{
	static const unsigned char zero[4] = { 0, 0, 0, 0 };
	const unsigned char *z = zero, *q;
#if defined(__GNUC__)
	__asm__("" : "+r"(z)); /* a load from either place: no branch */
#endif
	q = n >= 4 ? p + n - 4 : z;
	return smtpcode__load4(q) |
	       (smtpcode__load2(p) | (uint64_t)p[2] << 16) << 32;
}

/* The same word for a key of 4 to 7 bytes, in two loads. */
static inline uint64_t smtpcode__short47(const unsigned char *p, size_t n)
{
	return smtpcode__load4(p + n - 4) | (smtpcode__load4(p) & 0xFFFFFFu)
						    << 32;
}

/* Any short key's word, 1 to 7 bytes: 3 to 7 as above, 1 or 2 as their
 * bytes. */
static inline uint64_t smtpcode__short_word(const unsigned char *p, size_t n)
{
	if (n >= 3)
		return smtpcode__short37(p, n);
	return (uint64_t)p[0] | (uint64_t)p[n - 1] << (8u * (unsigned)(n - 1));
}

/* A short key's hash, which its slot holds as its key too: the word's
 * product plus the length. Two keys with one hash are one key: for words
 * under 2^56, (w - w') * K1 = n' - n has no solution with lengths 1 to 7
 * apart (test_phash checks it), so the word and the length are equal.
 * The length stays in the low bits, which the tables do not read: two
 * keys of one word ("abcd" and "abcabcd": the same first three and last
 * four bytes) would share a slot, and gen says so. */
static inline uint64_t smtpcode__short_hash(uint64_t w, size_t n)
{
	return w * SMTPCODE__K1 + n;
}

/* The key of an empty short slot: the hash of no word under 2^56 with a
 * length of 0 to 7 (test_phash). */
#define SMTPCODE__SHORT_EMPTY 0xFFFFFFFFFFFFFFFFULL

/* A long key, 8 bytes or more: its first, middle and last eight bytes,
 * folded, which are the whole key up to 24 bytes; and their hash with the
 * length. */
static inline uint64_t smtpcode__long_words(const unsigned char *p, size_t n,
					    uint64_t w[3])
{
	w[0] = SMTPCODE__FOLD(smtpcode__load8(p));
	w[1] = SMTPCODE__FOLD(smtpcode__load8(p + n / 2 - 4));
	w[2] = SMTPCODE__FOLD(smtpcode__load8(p + n - 8));
	return (((w[0] ^ n) * SMTPCODE__K1) ^ w[2] ^ (w[1] << 1)) * SMTPCODE__K2;
}

/* A number's hash: its product. */
static inline uint64_t smtpcode__num_hash(uint32_t key)
{
	return (uint64_t)key * SMTPCODE__K1;
}

/* Hash and displace, on the top half of a hash, where every bit of the key
 * counts (the low bits of a product depend on the low bits of the key
 * only): its top bits pick a bucket; the bucket's displacement, XORed with
 * the hash's bits from 28 on, picks the slot in the bits from
 * SMTPCODE__SLOT_SHIFT on. So the slot is read from the hash's bits 32 up
 * and the bucket from bit 63 down: up to 2^32 buckets and slots together,
 * they tell apart any two keys whose hashes differ there. gen chose the
 * displacements so that no two keys share a slot. The shift is 4 so that
 * for 16-byte slots the bits are the slot's offset in bytes:
 * (bits ^ disp) & mask, and no multiplication. */
#define SMTPCODE__SLOT_SHIFT 4

static inline uint32_t smtpcode__bucket(uint64_t h, unsigned bbits)
{
	return (uint32_t)(h >> (64 - bbits));
}

static inline uint32_t smtpcode__slot_bits(uint64_t h)
{
	return (uint32_t)(h >> (32 - SMTPCODE__SLOT_SHIFT));
}

/* The long keys' slots are 32 bytes: their displacements are stored one
 * bit further up (gen writes 2 * disp), and the slot's offset in bytes is
 * read from bit 27 up, which gives the same slot. */
#define SMTPCODE__LSLOT_SHIFT 5

static inline uint32_t smtpcode__lslot_bits(uint64_t h)
{
	return (uint32_t)(h >> (32 - SMTPCODE__LSLOT_SHIFT));
}

static inline uint32_t smtpcode__slot(uint64_t h, uint32_t disp,
				      unsigned sbits)
{
	return ((smtpcode__slot_bits(h) ^ disp) >> SMTPCODE__SLOT_SHIFT) &
	       ((1u << sbits) - 1u);
}

/* The same slot as an offset in bytes, for slots of 1 << shift bytes:
 * bits from smtpcode__slot_bits (shift 4) or smtpcode__lslot_bits (5),
 * and the displacement as gen wrote it for that shift. */
static inline uint32_t smtpcode__slot_offset(uint32_t bits, uint32_t disp,
					     unsigned sbits, unsigned shift)
{
	return (bits ^ disp) & (((1u << sbits) - 1u) << shift);
}

/* explain's phrase index: the phrases that start with the two bytes a b
 * are listed under smtpcode__pair(a, b), one of 4096 buckets, so that for
 * each byte of a reply only the phrases that may start there are compared.
 * Letters are folded to lower case. */
#define SMTPCODE__PAIRBITS 4096u

static inline unsigned smtpcode__pair(unsigned char a, unsigned char b)
{
	if (a >= 'A' && a <= 'Z')
		a = (unsigned char)(a | 0x20);
	if (b >= 'A' && b <= 'Z')
		b = (unsigned char)(b | 0x20);
	return ((unsigned)a * 67u + (unsigned)b) & (SMTPCODE__PAIRBITS - 1);
}
