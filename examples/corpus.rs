//! A synthetic dossier of any size, for the performance benchmark
//! (`.ci/bench-scale`): N news articles of about 600 words, four claims each,
//! quotes anchored in the text (some quoted by two articles, some needing a
//! prefix), figures, relations of every kind, notes, furniture, 20 topics and
//! 50 entities. Every stage of the build does real work on it, and it passes
//! `check` with no error. The same N and seed always give the same files.
//!
//! ```text
//! cargo run --release --example corpus -- --articles 1000 --out /dev/shm/corpus
//!     [--seed 7] [--no-search] [--hugo DIR] [--topic-claims N]
//! ```
//!
//! By default each claim is on two of 20 topics, and the claims of a topic
//! carry figures of two measures. `--topic-claims N` makes the shape that
//! grows topic pages most: each topic holds N claims (one topic a claim),
//! every claim carries a figure (a vague quantity where its sentence gives no
//! number), and every topic has estimates of every measure.
//!
//! `--hugo DIR` also writes the same N texts as plain Markdown pages for Hugo,
//! so that both generators are timed on the same words.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// Everyday Indonesian news words; no number words, so that only the claims'
/// own figures count for the completeness rule.
const WORDS: &[&str] = &[
    "pemerintah",
    "mengatakan",
    "pasukan",
    "wilayah",
    "laporan",
    "menurut",
    "pejabat",
    "militer",
    "perbatasan",
    "kantor",
    "berita",
    "negara",
    "presiden",
    "menteri",
    "pertemuan",
    "kerja",
    "sama",
    "bantuan",
    "serangan",
    "operasi",
    "keamanan",
    "kota",
    "warga",
    "perang",
    "perjanjian",
    "pertahanan",
    "kebijakan",
    "sumber",
    "analis",
    "dewan",
    "parlemen",
    "rakyat",
    "daerah",
    "pada",
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "dalam",
    "tidak",
    "akan",
    "telah",
    "sudah",
    "masih",
    "juga",
    "bahwa",
    "oleh",
    "para",
    "setelah",
    "sebelum",
    "antara",
    "tentang",
    "kepada",
    "lebih",
    "besar",
    "baru",
    "lama",
    "utara",
    "selatan",
    "timur",
    "barat",
    "resmi",
    "terbuka",
    "tertutup",
    "menyatakan",
    "membantah",
    "menolak",
    "mengirim",
    "menerima",
    "membangun",
    "menghadapi",
    "menjelaskan",
    "melaporkan",
    "situasi",
    "kondisi",
    "hubungan",
    "diplomatik",
    "ekonomi",
    "politik",
    "sanksi",
    "dukungan",
    "upaya",
    "perdamaian",
    "konflik",
    "garis",
    "depan",
    "markas",
    "latihan",
    "senjata",
    "pesawat",
    "kapal",
    "jalan",
    "jembatan",
    "pelabuhan",
    "gedung",
    "lapangan",
    "musim",
    "dingin",
    "panas",
];
const MONTHS: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "la", "ne", "su", "to", "ba", "di", "ga", "pe", "ru", "sa", "wi", "lo",
];
const VERDICTS: &[&str] = &[
    "accurate",
    "mostly-accurate",
    "disputed",
    "unverified",
    "misleading",
    "garbled",
    "false",
];
const KINDS: &[&str] = &["supports", "contradicts", "differs", "updates", "context"];
const MEASURES: &[&str] = &["troops", "killed", "wounded", "vehicles"];
/// Topics in the default shape.
const TOPICS: usize = 20;
const ENTITIES: usize = 50;
const ENTITY_KINDS: &[&str] = &[
    "person",
    "government",
    "military",
    "agency",
    "state-media",
    "outlet",
    "group",
];

/// A proper name made of syllables, different for every `n`.
fn name(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    let mut chars = out.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A sentence of `n` random words, capitalised, with a full stop.
fn filler(rng: &mut Rng, n: usize) -> String {
    let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s.push('.');
    s
}

/// "12.500": a number as the Indonesian texts write it.
fn indonesian_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// How claims spread over topics and measures.
#[derive(Clone, Copy)]
struct Shape {
    topics: usize,
    /// Each claim on one topic, with a figure, measures spread over every topic.
    dense: bool,
}

impl Shape {
    /// The topics of claim `k`.
    fn topics_of(self, k: usize) -> Vec<usize> {
        if self.dense {
            vec![k % self.topics]
        } else {
            vec![k % self.topics, (k * 7 + 3) % self.topics]
        }
    }

    /// The measure of claim `k`'s figure.
    fn measure_of(self, k: usize) -> usize {
        if self.dense {
            (k / self.topics) % MEASURES.len()
        } else {
            k % MEASURES.len()
        }
    }
}

/// One claim: its sentence in the article, what it quotes, and its figure.
struct Claim {
    slug: String,
    article: usize,
    sentence: String,
    /// The quoted clause, when the claim quotes part of its sentence.
    clause: Option<(String, String)>,
    figure: Option<(usize, u64)>,
    month: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let articles: usize = arg("--articles")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "corpus".into()));
    let seed: u64 = arg("--seed").and_then(|n| n.parse().ok()).unwrap_or(7);
    let search = !args.iter().any(|a| a == "--no-search");
    let hugo = arg("--hugo").map(PathBuf::from);
    let shape = match arg("--topic-claims").and_then(|n| n.parse::<usize>().ok()) {
        Some(n) => Shape {
            topics: (articles * 4 / n.max(1)).max(1),
            dense: true,
        },
        None => Shape {
            topics: TOPICS,
            dense: false,
        },
    };
    if out.exists() {
        fs::remove_dir_all(&out).expect("remove the old corpus");
    }
    let mut rng = Rng(seed);
    let claims = claims(&mut rng, articles, shape);
    let texts = write_dossier(&out, &mut rng, articles, &claims, search, shape);
    if let Some(dir) = hugo {
        write_hugo(&dir, &texts);
    }
    eprintln!(
        "wrote {} articles, {} claims to {}",
        articles,
        claims.len(),
        out.display()
    );
}

fn claims(rng: &mut Rng, articles: usize, shape: Shape) -> Vec<Claim> {
    let mut out = Vec::new();
    for a in 0..articles {
        for j in 0..4 {
            let k = a * 4 + j;
            let who = name(k + 1000);
            let place = name(k + 50_000);
            let month = rng.below(12);
            // Every seventh claim quotes a clause that also occurs elsewhere
            // in its article, so it needs a prefix; it carries no figure.
            if k % 7 == 3 {
                let clause = format!("pasukan {place} tiba di perbatasan");
                let lead = format!("Menurut pejabat {who},");
                out.push(Claim {
                    slug: format!("claim-{k:06}"),
                    article: a,
                    sentence: format!("{lead} {clause} pada bulan {}.", MONTHS[month]),
                    clause: Some((clause, lead)),
                    figure: None,
                    month,
                });
                continue;
            }
            let measure = shape.measure_of(k);
            let value = (1 + rng.below(40)) as u64 * 500;
            out.push(Claim {
                slug: format!("claim-{k:06}"),
                article: a,
                sentence: format!(
                    "Pejabat {who} mengatakan sekitar {} {} di wilayah {place} pada bulan {}.",
                    indonesian_number(value),
                    ["tentara", "korban tewas", "korban luka", "kendaraan"][measure],
                    MONTHS[month]
                ),
                clause: None,
                figure: Some((measure, value)),
                month,
            });
        }
    }
    out
}

/// The seed text of article `a`: a headline, paragraphs of filler with the
/// article's claim sentences, a repeated claim from the article before (every
/// fifth article), the duplicate clause that makes a prefix necessary, and a
/// line of furniture.
fn seed_text(rng: &mut Rng, a: usize, claims: &[Claim]) -> String {
    let mine: Vec<&Claim> = claims.iter().filter(|c| c.article == a).collect();
    let mut paragraphs = vec![filler(rng, 8).trim_end_matches('.').to_string()];
    for p in 0..11 {
        let mut para = Vec::new();
        for _ in 0..3 {
            let n = 12 + rng.below(8);
            para.push(filler(rng, n));
        }
        if let Some(c) = mine.get(p / 3).filter(|_| p % 3 == 1) {
            para.insert(1, c.sentence.clone());
            if let Some((clause, _)) = &c.clause {
                para.push(format!("Warga melihat {clause} kemarin."));
            }
        }
        if p == 6 && a % 5 == 1 {
            if let Some(c) = claims
                .iter()
                .find(|c| c.article == a - 1 && c.clause.is_none())
            {
                para.push(c.sentence.clone());
            }
        }
        paragraphs.push(para.join(" "));
    }
    paragraphs.push("Baca juga: berita lain hari ini".into());
    paragraphs.join("\n\n") + "\n"
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create a folder");
    }
    fs::write(path, text).expect("write a file");
}

/// Writes the dossier; returns each article's seed text, for Hugo.
fn write_dossier(
    out: &Path,
    rng: &mut Rng,
    articles: usize,
    claims: &[Claim],
    search: bool,
    shape: Shape,
) -> Vec<String> {
    write(&out.join("content/dossier.yaml"), &settings(search));
    for t in 0..shape.topics {
        write(
            &out.join(format!("content/topics/topic-{t:02}.md")),
            &format!(
                "---\ntitle: Topic {}\nsummary: Claims about {}.\norder: {t}\n---\nAn overview of the claims about {} and how they relate.\n",
                name(t + 7000),
                name(t + 7000),
                name(t + 7000)
            ),
        );
    }
    for e in 0..ENTITIES {
        write(
            &out.join(format!("content/entities/entity-{e:02}.md")),
            &format!(
                "---\nname: {}\nkind: {}\ndescription: A source quoted in the articles.\n---\n",
                name(e + 9000),
                ENTITY_KINDS[e % ENTITY_KINDS.len()]
            ),
        );
    }
    write(
        &out.join("content/pages/about.md"),
        "---\ntitle: About\norder: 1\n---\nA synthetic dossier for benchmarks.\n",
    );
    let mut texts = Vec::new();
    for a in 0..articles {
        let text = seed_text(rng, a, claims);
        write(&out.join(format!("seeds/article-{a:06}.txt")), &text);
        write(
            &out.join(format!("content/articles/article-{a:06}.md")),
            &format!(
                "---\nseed: article-{a:06}.txt\ntitle: Report {a}\noutlet: Wire {}\npublished: 2025-{:02}\ndate_basis: Inferred from the events it reports.\nlanguage: id\nfurniture:\n  - quote: \"Baca juga: berita lain hari ini\"\nnotes:\n  - quote: {}\n    note: The headline, as the site gave it.\n---\nA synthetic article.\n",
                name(a % 40 + 3000),
                a % 12 + 1,
                text.lines().next().unwrap_or_default()
            ),
        );
        texts.push(text);
    }
    for (k, c) in claims.iter().enumerate() {
        write(
            &out.join(format!("content/claims/{}.md", c.slug)),
            &claim_file(k, c, claims, shape),
        );
    }
    texts
}

fn settings(search: bool) -> String {
    let mut s = String::from(
        "title: A synthetic dossier\ndescription: Generated for benchmarks.\nlanguage: en\n",
    );
    if !search {
        s.push_str("search: false\n");
    }
    s.push_str("published: 2026-01-01\nverdicts:\n");
    for (i, v) in VERDICTS.iter().enumerate() {
        let _ = write!(
            s,
            "  - key: \"{v}\"\n    label: {}\n    colour: \"#3b4a5a\"\n    meaning: What {v} means.\n    rating: {}\n",
            v.replace('-', " "),
            // Each rated verdict has a rating of its own, best first.
            VERDICTS.len() - i
        );
    }
    s.push_str("measures:\n");
    for m in MEASURES {
        let _ = writeln!(s, "  - key: {m}\n    label: {m}\n    unit: units");
    }
    s
}

fn claim_file(k: usize, c: &Claim, claims: &[Claim], shape: Shape) -> String {
    let topics: Vec<String> = shape
        .topics_of(k)
        .iter()
        .map(|t| format!("topic-{t:02}"))
        .collect();
    let mut s = format!(
        "---\ntitle: Claim {k}, as the article reports it\nclaimant: entity-{:02}\nclaimed: 2025-{:02}\ntopics: [{}]\nverdict: \"{}\"\nsummary: A summary of claim {k}.\nappearances:\n",
        k % ENTITIES,
        c.month + 1,
        topics.join(", "),
        VERDICTS[k % VERDICTS.len()]
    );
    let mut appear = |article: usize| match &c.clause {
        Some((clause, lead)) => {
            let _ = write!(
                s,
                "  - article: article-{article:06}\n    quote: {clause}\n    prefix: \"{lead}\"\n    translation: troops of {clause}\n    sentence_translation: The whole sentence of claim {k}.\n"
            );
        }
        None => {
            let _ = write!(
                s,
                "  - article: article-{article:06}\n    quote: {}\n    translation: The sentence of claim {k}.\n",
                c.sentence
            );
        }
    };
    appear(c.article);
    // The article after every fifth one repeats its first claim with a figure.
    let first_with_figure = claims
        .iter()
        .find(|o| o.article == c.article && o.clause.is_none())
        .map(|o| o.slug.as_str());
    if c.article.is_multiple_of(5)
        && first_with_figure == Some(c.slug.as_str())
        && c.article + 1 < claims.len() / 4
    {
        appear(c.article + 1);
    }
    match c.figure {
        Some((measure, value)) => {
            let _ = write!(
                s,
                "figures:\n  - measure: {}\n    value: {value}\n    qualifier: about\n    as_of: 2025-{:02}\n",
                MEASURES[measure],
                c.month + 1
            );
        }
        // In the dense shape a claim whose sentence gives no number carries
        // a vague quantity, listed and never charted.
        None if shape.dense => {
            let _ = write!(
                s,
                "figures:\n  - measure: {}\n    stated: thousands\n    as_of: 2025-{:02}\n",
                MEASURES[shape.measure_of(k)],
                c.month + 1
            );
        }
        None => {}
    }
    // Six claims in ten relate to the next claim, each kind in turn.
    let other = (k + 1) % claims.len();
    if k % 10 < 6 && other != k {
        let _ = write!(
            s,
            "relations:\n  - kind: {}\n    claim: {}\n    note: How claim {k} bears on claim {other}.\n",
            KINDS[k % KINDS.len()],
            claims[other].slug
        );
    }
    let _ = write!(
        s,
        "---\nThe analysis of claim {k}: see [the next claim](@claim/{}) and [the article](@article/article-{:06}).\n",
        claims[other].slug, c.article
    );
    s
}

/// The same texts as plain Markdown pages, with the smallest Hugo site that
/// renders each one and a list of them all.
fn write_hugo(dir: &Path, texts: &[String]) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("remove the old Hugo site");
    }
    write(
        &dir.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Benchmark\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n",
    );
    write(
        &dir.join("layouts/_default/single.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
    );
    write(
        &dir.join("layouts/_default/list.html"),
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n",
    );
    write(
        &dir.join("layouts/index.html"),
        "<!DOCTYPE html><html><head><title>{{ .Site.Title }}</title></head><body>{{ range first 20 .Site.RegularPages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</body></html>\n",
    );
    for (a, text) in texts.iter().enumerate() {
        write(
            &dir.join(format!("content/articles/article-{a:06}.md")),
            &format!(
                "---\ntitle: \"Report {a}\"\ndate: 2025-{:02}-01\n---\n{text}",
                a % 12 + 1
            ),
        );
    }
}
