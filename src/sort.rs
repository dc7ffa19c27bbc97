//! The widget's sorts: the standard library's (pattern-defeating quicksort, driftsort) cost about 2 KB of wasm for
//! each type and order sorted, a dozen of them in the first wasm file (19.5 KB raw). These are a few hundred
//! bytes each: a heapsort (O(n log n), in place, not stable) and, for the short lists that need a stable order,
//! an insertion sort.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, not stable.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut less = |a: &T, b: &T| compare(a, b) == Ordering::Less;
    let n = v.len();
    // Sift `root` down within v[..end].
    let mut sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Sorts `v` in ascending order, not stable.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by `key`, not stable.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `key`, stable: for short or nearly sorted lists (quadratic at worst).
pub fn stable_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 7, 64, 741] {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 40) as u32 % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            let mut w = v.clone();
            sort(&mut v);
            assert_eq!(v, want, "heapsort, n = {n}");
            let mut pairs: Vec<(u32, usize)> = w.iter().copied().zip(0..).collect();
            stable_by_key(&mut pairs, |p| p.0);
            let mut want_pairs: Vec<(u32, usize)> = w.iter().copied().zip(0..).collect();
            want_pairs.sort_by_key(|p| p.0);
            assert_eq!(
                pairs, want_pairs,
                "insertion sort keeps the order of equal keys, n = {n}"
            );
            sort_by(&mut w, |a, b| b.cmp(a));
            want.reverse();
            assert_eq!(w, want, "descending, n = {n}");
        }
    }
}
