//! Long lists split into pages, as Zola and Hugo paginate: the first page at
//! the list's own address (`claims/index.html`), the others below it
//! (`claims/page/2/index.html`), each linking to its neighbours. A dossier of
//! a few hundred claims keeps every list on one page; one of tens of
//! thousands gets pages a reader can load.

use super::views::{PageLink, Pagination};

/// Items on one page of a list.
pub(crate) const PAGE_SIZE: usize = 100;

/// How many pages a list of `len` items takes (at least one).
pub(crate) fn page_count(len: usize) -> usize {
    len.div_ceil(PAGE_SIZE).max(1)
}

/// The items of page `n` (1-based).
pub(crate) fn page_of<T>(items: &[T], n: usize) -> &[T] {
    let start = (n - 1) * PAGE_SIZE;
    &items[start.min(items.len())..(start + PAGE_SIZE).min(items.len())]
}

/// The output path of page `n` of the list in folder `dir` (`claims`, or
/// `topics/casualties`; `""` for the site root).
pub(crate) fn page_path(dir: &str, n: usize) -> String {
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    if n <= 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}page/{n}/index.html")
    }
}

/// The links between the pages of a list, when it has more than one: the
/// neighbours, the first and last, and the pages near the current one.
pub(crate) fn pagination(dir: &str, current: usize, total: usize) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let link = |n: usize| PageLink {
        n,
        href: page_path(dir, n),
        current: n == current,
    };
    let mut pages: Vec<PageLink> = Vec::new();
    for n in 1..=total {
        let near = n.abs_diff(current) <= 2;
        if n == 1 || n == total || near {
            pages.push(link(n));
        } else if pages.last().is_some_and(|p| p.n != 0) {
            // A gap, shown as "…".
            pages.push(PageLink {
                n: 0,
                href: String::new(),
                current: false,
            });
        }
    }
    Some(Pagination {
        current,
        total,
        prev: (current > 1).then(|| page_path(dir, current - 1)),
        next: (current < total).then(|| page_path(dir, current + 1)),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_stable_addresses_and_neighbours() {
        assert_eq!(page_path("claims", 1), "claims/index.html");
        assert_eq!(page_path("claims", 3), "claims/page/3/index.html");
        assert_eq!(page_path("", 2), "page/2/index.html");
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        let items: Vec<usize> = (0..250).collect();
        assert_eq!(page_of(&items, 3), &items[200..]);
        assert!(pagination("claims", 1, 1).is_none());
        let p = pagination("claims", 5, 10).unwrap();
        assert_eq!(p.prev.as_deref(), Some("claims/page/4/index.html"));
        assert_eq!(p.next.as_deref(), Some("claims/page/6/index.html"));
        let shown: Vec<usize> = p.pages.iter().map(|l| l.n).collect();
        assert_eq!(shown, [1, 0, 3, 4, 5, 6, 7, 0, 10]);
    }
}
