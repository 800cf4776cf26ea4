//! Long lists split into pages, as Zola and Hugo paginate: the first page at
//! the list's own address, the others below it ([`List::page`]), each
//! linking to its neighbours. A dossier of a few hundred claims keeps every
//! list on one page; one of tens of thousands gets pages a reader can load.

use super::views::{PageLink, Pagination};
use crate::paths::List;

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

/// The links between the pages of a list, when it has more than one: the
/// neighbours, the first and last, and the pages near the current one.
pub(crate) fn pagination(list: List<'_>, current: usize, total: usize) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let link = |n: usize| PageLink {
        n,
        href: list.page(n),
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
        prev: (current > 1).then(|| list.page(current - 1)),
        next: (current < total).then(|| list.page(current + 1)),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_neighbours() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        let items: Vec<usize> = (0..250).collect();
        assert_eq!(page_of(&items, 3), &items[200..]);
        assert!(pagination(List::Claims, 1, 1).is_none());
        let p = pagination(List::Claims, 5, 10).unwrap();
        assert_eq!(p.prev.as_deref(), Some("claims/page/4/index.html"));
        assert_eq!(p.next.as_deref(), Some("claims/page/6/index.html"));
        let shown: Vec<usize> = p.pages.iter().map(|l| l.n).collect();
        assert_eq!(shown, [1, 0, 3, 4, 5, 6, 7, 0, 10]);
    }
}
