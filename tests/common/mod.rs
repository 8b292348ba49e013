//! Helpers shared by the randomized Rust tests (`mod common;` in each test file).

use arnorm::Options;

/// A small deterministic generator (xorshift64): the same seed, the same texts.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    #[allow(dead_code)] // not every test file draws bounded numbers
    pub fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n)) as u32
    }
}

/// Each preset, and each preset with each one of `overrides` set.
pub fn presets_with(overrides: &[(&str, &str)]) -> Vec<Options> {
    let mut sets = Vec::new();
    for preset in ["light", "standard", "search"] {
        sets.push(Options::preset(preset).unwrap());
        for &(name, value) in overrides {
            let mut o = Options::preset(preset).unwrap();
            o.set(name, value).unwrap();
            sets.push(o);
        }
    }
    sets
}
