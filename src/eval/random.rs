//! The session's random stream, as `torch.manual_seed` gives it: after
//! `:seed N` the k-th random construct (a network's weights, a built-in
//! data set) gets the same numbers whatever else ran in between. Each
//! construct takes the next index of the stream and draws from ChaCha's
//! stream of that index under the seed's key: streams are independent, and
//! no two (seed, index) pairs share one. Arithmetic, views and backward
//! never touch the stream.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// A seed and how many random constructs have drawn from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RandomStream {
    seed: u64,
    drawn: u64,
}

impl RandomStream {
    /// The seed the stream draws from (`:seed N`).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How many constructs have drawn since the seed was set or the session
    /// reset.
    pub fn drawn(&self) -> u64 {
        self.drawn
    }

    /// Starts the stream again from `seed`.
    pub fn set_seed(&mut self, seed: u64) {
        *self = RandomStream { seed, drawn: 0 };
    }

    /// Starts the stream again from the same seed.
    pub fn restart(&mut self) {
        self.drawn = 0;
    }

    /// The generator for the next construct.
    pub fn next_rng(&mut self) -> ChaCha8Rng {
        let rng = rng_for(self.seed, self.drawn);
        self.drawn += 1;
        rng
    }
}

/// The generator of construct `index` under `seed`. Index 0 is plain
/// `ChaCha8Rng::seed_from_u64(seed)`: `seed=N` on a construct gives what
/// the first construct after `:seed N` gets, and what `micrograd train
/// --seed N` draws its data and its network from.
pub fn rng_for(seed: u64, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn first_draws(mut rng: ChaCha8Rng) -> [u64; 4] {
        std::array::from_fn(|_| rng.next_u64())
    }

    #[test]
    fn index_zero_is_the_plain_seed() {
        assert_eq!(
            first_draws(rng_for(42, 0)),
            first_draws(ChaCha8Rng::seed_from_u64(42))
        );
    }

    #[test]
    fn nearby_seeds_and_indices_never_share_numbers() {
        // Under `seed ^ index`, (1, 0) and (0, 1) were the same generator.
        let mut seen = Vec::new();
        for seed in 0..8 {
            for index in 0..8 {
                let draws = first_draws(rng_for(seed, index));
                assert!(!seen.contains(&draws), "({seed}, {index}) repeats");
                seen.push(draws);
            }
        }
    }

    #[test]
    fn the_stream_counts_draws_and_restarts() {
        let mut stream = RandomStream::default();
        stream.set_seed(7);
        let first = first_draws(stream.next_rng());
        let second = first_draws(stream.next_rng());
        assert_ne!(first, second);
        assert_eq!(stream.drawn(), 2);
        stream.restart();
        assert_eq!((stream.seed(), stream.drawn()), (7, 0));
        assert_eq!(first_draws(stream.next_rng()), first);
        stream.set_seed(7);
        assert_eq!(first_draws(stream.next_rng()), first);
    }
}
