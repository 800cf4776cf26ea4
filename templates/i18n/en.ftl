# The site's interface in English. Every string the site itself says comes
# from here; the dossier's content stays in the language it is written in.
# Syntax: https://projectfluent.org/fluent/guide/

## Navigation, header and footer

skip = Skip to content
nav-label = Main
nav-menu = Menu
nav-home = Home
nav-topics = Topics
nav-claims = Claims
nav-articles = Articles
nav-entities = Who said it
nav-data = Data
breadcrumb = Breadcrumb
search-label = Search the dossier
search-placeholder = Search claims and articles
search-button = Search
feed-title = claims
footer-about = { $site }. Built from the source articles and the editors' annotations; every quote is checked against the source text at build time.
footer-built = Built { $date }.
edit-page = Edit this page
edit-page-note = (opens the source file in the repository; changes are proposed by pull request)

## Counts

claims-count = { $n ->
    [one] { $n } claim
   *[other] { $n } claims
}
articles-count = { $n ->
    [one] { $n } article
   *[other] { $n } articles
}
places-count = { $n ->
    [one] made in { $n } place
   *[other] made in { $n } places
}
results-count = { $n ->
    [one] { $n } result
   *[other] { $n } results
}

## Kinds of page

kind-claim = Claim
kind-article = Article
kind-topic = Topic
kind-entity = Claimant
kind-page = Page
claim-kicker = Claim
article-kicker = Source article
topic-kicker = Topic

## Home page

home-updated = Last updated { $date }
home-counts = { $claims }, { $places }, in { $articles }
home-all-claims = Browse and filter all claims
verdicts-unrated = not counted above: statements of opinion, aims or praise, which cannot be true or false.
home-disagree-heading = What the sources disagree on
home-disagree-intro = Statements that cannot both be true. The dossier's evidence does not always settle which one is right.
home-apparent-heading = Differences that are not conflicts
home-apparent-intro = These look as if they conflict, but can both be true: they estimate different things, give ranges that overlap, or describe different dates.
home-articles-heading = The source articles
home-found-heading = What we found
home-pairs-more = { $n ->
    [one] One more on this topic
   *[other] { $n } more on this topic
}
home-no-topic = Claims on no topic
home-faulted-heading = Errors in the texts as published
home-faulted-intro = Where a translation or an edit made a text say something its own source did not. These are faults of the texts, not disagreements between sources.
home-notes-intro = Smaller slips of translation and other remarks on the wording are noted beside each text:
home-notes-in = { $title } ({ $notes })
notes-count = { $n ->
    [one] one note
   *[other] { $n } notes
}

## Articles

articles-title = Articles
articles-intro = The source articles of this dossier, verbatim, with every claim highlighted where it is made.
byline-republished = { $original }, republished by { $outlet }
date-inferred = inferred
provenance-published-by = Published by
provenance-original = Original publisher
provenance-date = Date
provenance-language = Language
provenance-address = Address
provenance-source = The text as received
provenance-read-text = Read the text exactly as it was collected (plain text)
provenance-fingerprint = Fingerprint and file details
provenance-fingerprint-intro = The fingerprint is computed from the text as received: changing even one letter would change it, so anyone can check that the text shown here is the one the dossier quotes.
provenance-file = File { $file }, { $bytes } bytes
editors-note = Editor's note
article-text-heading = The article, verbatim
legend-highlighted = Highlighted
legend-claims = passages are claims. The mark at the end of each gives its verdict and opens the claim:
legend-underlined = Underlined
legend-notes = passages carry an editor's note.
show-english = Show the English translation under each sentence with a claim
english = English
english-highlight = The highlighted words
line = line { $line }
note-word = note
note-ref = note { $n }
notes-heading = Editor's notes
furniture-heading = Not part of the article
furniture-intro = Lines of the website captured with the article (menus, caption toggles, comment prompts, unrelated links). They are not part of the article and carry no claims.
claims-in-article = Claims in this article ({ $n })
language-id = Indonesian
language-en = English

## Claims

claims-title = All claims
claims-intro = Every claim in the dossier: { $n }, grouped by verdict.
claims-browse = Browse by:
claims-by-verdict = Claims by verdict
filter-heading = Find claims
filter-verdict = Verdict
filter-topic = Topic
filter-article = Article
filter-claimant = Claimant
filter-relation = Relation to other claims
filter-any = Any
filter-sort = Sort by
sort-verdict = Verdict
sort-newest = Newest claim first
sort-oldest = Oldest claim first
sort-title = Title
filter-reset = Show all
filter-count = Showing { $shown } of { $total }
filter-page-note = The list is long, so it is split into pages: filters and orders apply to the claims on this page.
verdict-label = Verdict
verdict-means = { $label } means: { $meaning }
claimed-by = Claimed by
claimed-when = When it was claimed
claimed-by-on = Claimed by { $claimant }, { $date }
quoted-in = quoted in
reviewed = Reviewed
last-updated = last updated { $date }
reported-by = Reported by
appearances-heading = Where it is made ({ $n })
figures-heading = Figures
figure-measure = Measure
figure-value = Value
figure-as-of = Describes
figure-as-of-note = "Describes" is the date a figure is about; the claim itself may have been made later.
figure-basis = Basis
figure-or-more = { $n } or more
figure-up-to = up to { $n }
related-heading = Related claims
analysis-heading = Analysis
outside-knowledge = This analysis draws on knowledge from outside the dossier's articles; the sources are listed below.
corrections-heading = Corrections
sources-heading = Sources
cite-heading = Cite this
cite-text = “{ $title }”. { $dossier }. Reviewed { $date }.
cite-text-undated = “{ $title }”. { $dossier }.
copy-link = Copy link
copied = Link copied.

## How claims relate

relation-supports = Supports
relation-supported-by = Supported by
relation-contradicts = Contradicts
relation-differs = Differs from, without conflict
relation-updates = Updates
relation-updated-by = Updated by
relation-context = Gives context to
relation-context-from = Context from

## Figures as text

qualifier-about = about { $value }
qualifier-at-least = at least { $value }
qualifier-more-than = more than { $value }
qualifier-up-to = up to { $value }
qualifier-less-than = less than { $value }

## Topics

topics-title = Topics
figures-side-by-side = { $label }: every estimate side by side
estimate = Estimate
chart-label = { $who }, { $date }
chart-label-claimed = { $who }, claimed { $date }
not-charted = Not drawn on the chart, because the text gives no number: { $list }.
conflicts-heading = Where the sources conflict ({ $n })
differences-heading = Apparent conflicts: reports that differ without contradicting ({ $n })
differences-intro = Each pair looks like a conflict, but both can be true.
updates-heading = Newer information that updates older ({ $n })
agreements-heading = Where the sources agree ({ $n })
context-heading = Context ({ $n })
topic-all-claims = Every claim on this topic ({ $n })

## Who said it

entities-title = Who said it
entities-intro = The people, governments, agencies and outlets whose claims the dossier checks.
entity-claims = Claims by { $name } ({ $n })
entity-breakdown = Verdicts on { $name }'s claims
entity-kind-person = Person
entity-kind-government = Government
entity-kind-military = Military
entity-kind-agency = Agency
entity-kind-state-media = State media
entity-kind-outlet = News outlet
entity-kind-group = Group
entity-kind-not-set = Kind not set

## Content pages

corrections-log = Corrections log ({ $n })
no-corrections = No claim has been corrected since publication.
repository-corrections = Report an error, propose a correction or suggest a claim in the dossier's repository
repository-contribute = The dossier's repository, where changes are proposed
contact-editors = Write to the editors: report an error or suggest a claim

## Open data

data-title = Open data
data-intro = Everything in this dossier can be downloaded and reused. The files are regenerated with the site on every change.
data-file = File
data-format = Format
data-holds = What it holds
data-dossier = The whole dossier: articles with their full text, claims with every appearance (character offsets into the article), figures, relations in both directions, topics and entities.
data-schema = The schema that describes dossier.json.
data-csv = One row per claim: verdict, claimant, date, topics, summary, the articles that quote it and the claims it contradicts or differs from.
data-annotations = One annotation per highlight, with a TextQuoteSelector and a TextPositionSelector on the article text, for annotation tools.
data-feed = A feed of the claims, newest change first.
data-sitemap = Every page, for search engines.
data-claimreview = Each claim page also carries a schema.org ClaimReview in JSON-LD, the format search engines and fact-check aggregators read.
licence-heading = Licence and rights
licence-text = The editors' annotations and the data are published under
licence-none = No licence has been given for the annotations and the data.
rights-text = The article texts are quoted in full as evidence, so that every claim can be checked against its source; their rights stay with their publishers.

## Search

search-title = Search
search-prompt = Type a word or a name: in English or in Indonesian.
search-loading = Searching…
search-results-count = { $n ->
    [one] 1 result for “{ $q }”
   *[other] { $n } results for “{ $q }”
}
search-results-many = More than { $n } results for “{ $q }”: the best are listed.
search-no-results = No results for “{ $q }”.
search-group-claim = Claims
search-group-article = Articles
search-group-topic = Topics
search-group-entity = Who said what
search-group-page = Pages
search-more = Show { $n } more
search-failed = Search could not start here. It works when the site is served over the web, not when it is opened from files on disk.
search-needs-js = Search needs JavaScript, which is off or not available in this browser. You can still browse every claim, topic and article.
search-off = This dossier has been built without a search index.
search-browse = Or browse:

## Page not found

not-found-title = Page not found
not-found-text = There is no page at this address. It may have been renamed when the dossier was edited.
not-found-start = Start again from:

## Dates

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
date-not-set = date not set
uncovered-figure = Not covered yet: quote its sentence in a claim, add a note on it, or list it under not_claims with a reason

## Long lists

pagination-label = Pages
pagination-page = Page { $n } of { $total }
pagination-prev = Previous
pagination-next = Next
pairs-all = See all { $n }
figures-shown = { $shown } of the { $n } estimates are shown: the latest, and those of claims in a conflict.
figures-all = All { $n } estimates of { $label }
figures-page-intro = Every estimate of this measure in the claims on { $topic }: { $n }, from the oldest to the latest.
home-more-articles = { $n ->
    [one] One older article in the articles list
   *[other] { $n } older articles in the articles list
}
home-more-notes = { $n ->
    [one] One more article has notes beside its text: see the articles list
   *[other] { $n } more articles have notes beside their text: see the articles list
}

## Charts, topic contents, the claims list, the articles list's dates

chart-scale = Each row is one estimate, on one scale from 0 to { $max } { $unit }: a pale bar runs from zero to the estimate, which is a solid bar for a range and a short mark for one number.
chart-scale-shared = Each row is one estimate, on one scale from 0 to { $max } { $unit }, the same in every chart of { $unit } on this page: a pale bar runs from zero to the estimate, which is a solid bar for a range and a short mark for one number.
chart-open-above = A bar that fades out to the right, ending in an arrow, has no upper limit in the text (“at least”, “more than”).
chart-open-below = A bar that fades in from zero has no lower limit in the text (“up to”, “less than”).
figure-single-by = Claimed by
topic-contents = On this page
fold-more = Show { $n } more
filter-keyword = Keywords
date-basis-line = How the date was established:
