//! The map from folded-text offsets back to the original text, kept as runs.
//!
//! Folding copies long runs of the original unchanged, so each folded byte's
//! original offset is mostly its neighbour's plus one: one entry per run of
//! such bytes stands for all of them, where a `u32` per byte cost a store
//! per byte and four times the text in memory.

/// Folded bytes from `folded` on came from the original from `original` on,
/// one to one, up to the next run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    folded: u32,
    original: u32,
}

/// The original offset of every folded offset, and of the end of the folded text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct OffsetMap {
    /// In order of `folded`, the first at 0; `original` never decreases.
    runs: Vec<Run>,
    /// How many folded offsets are mapped: the last run ends here.
    mapped: u32,
    /// For every block of [`BLOCK`] folded offsets, the run its first offset is
    /// in: a lookup steps over the few runs that start inside the block
    /// instead of searching all of them.
    run_of_block: Vec<u32>,
}

/// Folded offsets per entry of [`OffsetMap::run_of_block`].
const BLOCK: usize = 64;

/// Construction, one folded byte (or run of bytes) at a time.
impl OffsetMap {
    /// An empty map with room for `runs` runs.
    pub(super) fn with_capacity(runs: usize) -> OffsetMap {
        OffsetMap {
            runs: Vec::with_capacity(runs),
            ..OffsetMap::default()
        }
    }

    /// Notes that folded bytes from `folded`, the end of those mapped so far,
    /// came from original bytes from `original` on, one to one.
    pub(super) fn push_run(&mut self, folded: usize, original: usize) {
        let (folded, original) = (folded as u32, original as u32);
        debug_assert!(folded >= self.mapped, "runs are pushed in order");
        self.mapped = folded;
        let continues_last = self.runs.last().is_some_and(|last| {
            last.original.wrapping_sub(last.folded) == original.wrapping_sub(folded)
        });
        if !continues_last {
            self.runs.push(Run { folded, original });
        }
    }

    /// Forgets the folded bytes from `folded_len` on (a space dropped at a line end).
    pub(super) fn truncate(&mut self, folded_len: usize) {
        let folded_len = folded_len as u32;
        while self
            .runs
            .last()
            .is_some_and(|last| last.folded >= folded_len)
        {
            self.runs.pop();
        }
        self.mapped = self.mapped.min(folded_len);
    }

    /// Ends the map: `folded_len`, the end of the folded text, maps to `original_len`.
    pub(super) fn finish(&mut self, folded_len: usize, original_len: usize) {
        self.push_run(folded_len, original_len);
        self.mapped = folded_len as u32 + 1;
        // Block b starts in the last run starting at or before b * BLOCK:
        // each run takes the blocks that start before the next one does.
        self.run_of_block.clear();
        let block_count = folded_len / BLOCK + 1;
        self.run_of_block.reserve_exact(block_count);
        for (index, next) in self.runs.iter().enumerate().skip(1) {
            let blocks_before_next = (next.folded as usize).div_ceil(BLOCK);
            self.run_of_block
                .resize(blocks_before_next, index as u32 - 1);
        }
        self.run_of_block
            .resize(block_count, self.runs.len() as u32 - 1);
    }
}

/// Lookups.
impl OffsetMap {
    /// The original offset of folded offset `folded` (at most the folded length).
    pub(super) fn original(&self, folded: usize) -> usize {
        debug_assert!(folded < self.mapped as usize, "{folded} is mapped");
        let run = self.runs[self.run_from(self.run_of_block[folded / BLOCK] as usize, folded)];
        run.original as usize + (folded - run.folded as usize)
    }

    /// The run holding `folded`, found by stepping on from run `index`, at or before it.
    fn run_from(&self, mut index: usize, folded: usize) -> usize {
        while (self.runs.get(index + 1)).is_some_and(|next| next.folded as usize <= folded) {
            index += 1;
        }
        index
    }

    /// The first folded offset whose original offset is at least `original`,
    /// or one past the end of the folded text when there is none.
    pub(super) fn folded(&self, original: usize) -> usize {
        let index = self
            .runs
            .partition_point(|run| (run.original as usize) < original);
        let end_of = |index: usize| {
            self.runs
                .get(index + 1)
                .map_or(self.mapped, |next| next.folded) as usize
        };
        if let Some(before) = index.checked_sub(1).map(|i| (i, self.runs[i])) {
            let (i, run) = before;
            // Every offset of the run before is below `original` at its
            // start; one inside it may reach `original`.
            let last_original = run.original as usize + (end_of(i) - run.folded as usize) - 1;
            if original <= last_original {
                return run.folded as usize + (original - run.original as usize);
            }
        }
        self.runs.get(index).map_or(self.mapped, |run| run.folded) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map and the per-byte table it stands for.
    fn map_of(table: &[u32]) -> OffsetMap {
        let mut map = OffsetMap::default();
        let (last, bytes) = table.split_last().expect("the end is mapped");
        for (folded, &original) in bytes.iter().enumerate() {
            map.push_run(folded, original as usize);
        }
        map.finish(bytes.len(), *last as usize);
        map
    }

    #[test]
    fn lookups_agree_with_a_table_of_every_offset() {
        let tables: [&[u32]; 6] = [
            &[0],
            &[3],
            &[0, 1, 2, 3],
            &[0, 1, 4, 5, 6, 6, 6, 9, 10, 12],
            &[2, 2, 2, 5, 6, 7, 7],
            &[1, 2, 3, 7, 8, 9, 12, 13, 14, 20],
        ];
        for table in tables {
            let map = map_of(table);
            for (folded, &original) in table.iter().enumerate() {
                assert_eq!(map.original(folded), original as usize, "{table:?}");
            }
            for original in 0..=table[table.len() - 1] as usize + 2 {
                let expected = table.partition_point(|&o| (o as usize) < original);
                assert_eq!(map.folded(original), expected, "{table:?} {original}");
            }
        }
    }

    #[test]
    fn truncating_forgets_the_runs_after() {
        let mut map = OffsetMap::default();
        map.push_run(0, 0);
        map.push_run(3, 5);
        map.truncate(3);
        map.push_run(3, 6);
        map.finish(4, 7);
        assert_eq!(map_of(&[0, 1, 2, 6, 7]), map);
    }
}
