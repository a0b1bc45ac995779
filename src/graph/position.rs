//! How the observations of one date decide a position.
//!
//! The **position** is the stance most of the observations take. When two
//! stances tie for most, the position is neutral, because the record of
//! that day does not decide between them (neutral already means "on record
//! but noncommittal or mixed"). The counts are kept so that a report can say
//! the day was mixed.

use crate::model::Stance;
use serde::Serialize;

/// How many observations took each stance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StanceCounts {
    /// Supportive observations.
    pub support: usize,
    /// Opposed observations.
    pub oppose: usize,
    /// Neutral observations.
    pub neutral: usize,
}

impl StanceCounts {
    /// Counts one more observation of `stance`.
    pub fn add(&mut self, stance: Stance) {
        match stance {
            Stance::Support => self.support += 1,
            Stance::Oppose => self.oppose += 1,
            Stance::Neutral => self.neutral += 1,
        }
    }

    /// The count of one stance.
    pub fn get(&self, stance: Stance) -> usize {
        match stance {
            Stance::Support => self.support,
            Stance::Oppose => self.oppose,
            Stance::Neutral => self.neutral,
        }
    }

    /// The stance most observations take; neutral on a tie.
    pub fn position(&self) -> Stance {
        let best = self.support.max(self.oppose).max(self.neutral);
        let leaders: Vec<Stance> = [Stance::Support, Stance::Oppose, Stance::Neutral]
            .into_iter()
            .filter(|s| self.get(*s) == best)
            .collect();
        match leaders.as_slice() {
            [only] => *only,
            _ => Stance::Neutral,
        }
    }

    /// Whether more than one stance was seen.
    pub fn is_mixed(&self) -> bool {
        [self.support, self.oppose, self.neutral]
            .iter()
            .filter(|n| **n > 0)
            .count()
            > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance::{Neutral, Oppose, Support};

    #[test]
    fn position_is_the_majority_and_a_tie_is_neutral() {
        let cases = [
            ("one", vec![Support], Support),
            ("majority", vec![Support, Oppose, Support], Support),
            ("tie", vec![Support, Oppose], Neutral),
            ("three-way tie", vec![Support, Oppose, Neutral], Neutral),
            ("neutral majority", vec![Neutral, Neutral, Oppose], Neutral),
        ];
        for (name, stances, expected) in cases {
            let mut counts = StanceCounts::default();
            stances.iter().for_each(|s| counts.add(*s));
            assert_eq!(counts.position(), expected, "{name}");
            assert_eq!(
                counts.is_mixed(),
                stances.len() > 1 && name != "one",
                "{name}"
            );
        }
    }
}
