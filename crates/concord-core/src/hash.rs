//! A stable content hash for cache keys and baseline fingerprints.
//!
//! `std`'s hashers are randomly seeded or may change between Rust
//! releases; a key written to disk must mean the same thing on the next
//! run and on another machine. FNV-1a with 128 bits is simple, has no
//! dependency, and at 128 bits accidental collisions among a corpus's
//! articles or a baseline's findings are not a practical concern (it is
//! not meant to resist someone crafting collisions).

const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// An incremental FNV-1a (128-bit) hasher.
#[derive(Debug, Clone, Copy)]
pub struct StableHash(u128);

impl Default for StableHash {
    fn default() -> Self {
        StableHash(OFFSET)
    }
}

impl StableHash {
    pub fn new() -> StableHash {
        StableHash::default()
    }

    /// Feeds raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(PRIME);
        }
        self
    }

    /// Feeds a field: its length first, so that `("ab", "c")` and
    /// `("a", "bc")` hash differently.
    pub fn field(&mut self, s: &str) -> &mut Self {
        self.bytes(&(s.len() as u64).to_le_bytes())
            .bytes(s.as_bytes())
    }

    pub fn u64(&mut self, x: u64) -> &mut Self {
        self.bytes(&x.to_le_bytes())
    }

    pub fn finish(&self) -> u128 {
        self.0
    }

    /// The hash as 32 lower-case hex digits.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_128_vectors() {
        assert_eq!(StableHash::new().hex(), "6c62272e07bb014262b821756295c58d");
        assert_eq!(
            StableHash::new().bytes(b"a").hex(),
            "d228cb696f1a8caf78912b704e4a8964"
        );
    }

    #[test]
    fn fields_are_delimited() {
        let ab_c = StableHash::new().field("ab").field("c").finish();
        let a_bc = StableHash::new().field("a").field("bc").finish();
        assert_ne!(ab_c, a_bc);
    }
}
