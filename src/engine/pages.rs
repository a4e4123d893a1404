//! Growing the arena's big vectors, and asking the OS to back them with
//! huge pages.
//!
//! A million-node chain touches about 38 MB the first time it is built and
//! differentiated; with 4 KB pages that is nearly ten thousand page faults,
//! and the kernel's fault handling was most of the chain's time. On Linux
//! with transparent huge pages in `madvise` mode, one `madvise(...,
//! MADV_HUGEPAGE)` call on a freshly reserved, not yet touched vector lets
//! the kernel fault it in 2 MB at a time. Elsewhere (other systems, huge
//! pages off, a small vector) nothing is asked and nothing changes: the
//! advice is a hint, never needed for correctness, and its result is
//! ignored.
//!
//! Every growth of an arena column goes through [`reserve_total`], which
//! reserves first and advises before the new memory is written.

/// The smallest allocation advised. Smaller than a huge page on purpose: a
/// 1 MB column (a million-node graph's gradient states) lies between the
/// big ones, and left unadvised it would split their advised range.
/// Smaller blocks live in the allocator's heap, where a system call per
/// growth would cost more than it could save.
const ADVISED_FROM: usize = 256 << 10;

/// The base page size advice is rounded to. Where pages are bigger the
/// call fails (unaligned) and nothing changes.
const SMALL_PAGE: usize = 4096;

/// Makes room for `total` elements in `vector` (at least doubling, as
/// `Vec` grows) and advises huge pages for the new allocation. The
/// elements are not touched.
pub(super) fn reserve_total<T>(vector: &mut Vec<T>, total: usize) {
    if vector.capacity() >= total {
        return;
    }
    let wanted = total.max(vector.capacity() * 2);
    vector.reserve_exact(wanted - vector.len());
    advise_huge_pages(vector);
}

/// Makes `vector` hold `len` copies of `zero` (a value whose bits are all
/// zero: `0.0`, `false`), reusing its allocation when it has room. When it
/// has not, the new allocation comes zeroed from the allocator (fresh pages
/// from the OS need no second write of zeros) and huge pages are advised
/// before anything touches it; it leaves at least double the old room.
pub(super) fn fill_zeroed<T: Copy>(vector: &mut Vec<T>, len: usize, zero: T) {
    if vector.capacity() >= len {
        vector.clear();
        vector.resize(len, zero);
        return;
    }
    let room = len.max(vector.capacity() * 2);
    *vector = Vec::new(); // the old allocation goes back first
    *vector = vec![zero; room];
    advise_huge_pages(vector);
    vector.truncate(len);
}

/// Advises huge pages for `vector`'s allocation, rounded out to whole 4 KB
/// pages (nothing for a vector under [`ADVISED_FROM`]).
///
/// Rounding out rather than in matters: the allocator's big blocks are
/// separate mappings, usually laid out next to each other, and a huge page
/// can only back an aligned 2 MB range that is advised throughout. Advised
/// up to their edges, neighbouring columns merge into one advised range and
/// the 2 MB pages across their boundaries qualify too (rounded in, every
/// column kept up to 4 MB of 4 KB pages at its ends: a third of a 1M
/// chain's memory). The page the rounding adds at either end may hold the
/// allocator's bookkeeping or a neighbour's data; the advice only changes
/// how memory is backed, never what it holds.
pub(super) fn advise_huge_pages<T>(vector: &Vec<T>) {
    let bytes = vector.capacity() * std::mem::size_of::<T>();
    if bytes < ADVISED_FROM {
        return;
    }
    let start = vector.as_ptr() as usize;
    let first = start / SMALL_PAGE * SMALL_PAGE;
    let end = (start + bytes).next_multiple_of(SMALL_PAGE);
    advise(first, end - first);
}

#[cfg(target_os = "linux")]
fn advise(address: usize, length: usize) {
    // SAFETY: `madvise` with `MADV_HUGEPAGE` only changes how the kernel
    // backs the pages of this range (one live allocation of ours, rounded
    // out to whole pages); it reads or writes no memory and leaves every
    // byte as it was. A failure (huge pages disabled, an old kernel, pages
    // bigger than 4 KB) is harmless, so the result is ignored.
    let _ = unsafe { libc::madvise(address as *mut libc::c_void, length, libc::MADV_HUGEPAGE) };
}

#[cfg(not(target_os = "linux"))]
fn advise(_address: usize, _length: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_total_grows_to_at_least_the_total_and_keeps_elements() {
        let mut v: Vec<u64> = vec![7, 8, 9];
        reserve_total(&mut v, 1_000_000);
        assert!(v.capacity() >= 1_000_000);
        assert_eq!(v, [7, 8, 9]);
        let capacity = v.capacity();
        reserve_total(&mut v, 10);
        assert_eq!(v.capacity(), capacity, "no growth when there is room");
    }

    #[test]
    fn fill_zeroed_gives_zeros_whether_it_reuses_or_grows() {
        let mut v = vec![1.5f64; 10];
        fill_zeroed(&mut v, 4, 0.0);
        assert_eq!(v, [0.0; 4]);
        assert!(v.capacity() >= 10, "room reused");
        fill_zeroed(&mut v, 3_000_000, 0.0);
        assert_eq!(v.len(), 3_000_000);
        assert!(v.iter().all(|&x| x.to_bits() == 0));
        let mut marks = vec![true; 3];
        fill_zeroed(&mut marks, 5, false);
        assert_eq!(marks, [false; 5]);
        assert!(marks.capacity() >= 6, "at least doubled");
    }

    #[test]
    fn reserve_total_at_least_doubles() {
        let mut v: Vec<u8> = Vec::with_capacity(100);
        v.push(1);
        reserve_total(&mut v, 101);
        assert!(v.capacity() >= 200);
    }
}
