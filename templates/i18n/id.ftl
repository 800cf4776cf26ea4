# Antarmuka situs dalam bahasa Indonesia. Semua teks yang diucapkan situs itu
# sendiri berasal dari sini; isi dosir tetap dalam bahasa aslinya.
# Sintaksis: https://projectfluent.org/fluent/guide/

## Navigasi, kepala dan kaki halaman

skip = Langsung ke konten
nav-label = Utama
nav-menu = Menu
nav-home = Beranda
nav-topics = Topik
nav-claims = Klaim
nav-articles = Artikel
nav-entities = Siapa yang mengatakan
nav-data = Data
breadcrumb = Jejak navigasi
search-label = Cari di dosir ini
search-placeholder = Cari klaim dan artikel
search-button = Cari
feed-title = klaim
footer-about = { $site }. Disusun dari artikel sumber dan anotasi para editor; setiap kutipan dicocokkan dengan teks sumbernya saat situs dibuat.
footer-built = Situs dibuat { $date }.
edit-page = Sunting halaman ini
edit-page-note = (membuka berkas sumber di repositori; perubahan diajukan melalui pull request)

## Jumlah (bahasa Indonesia tidak mengenal bentuk jamak setelah bilangan)

claims-count = { $n } klaim
articles-count = { $n } artikel
places-count = muncul di { $n } tempat
results-count = { $n } hasil

## Jenis halaman

kind-claim = Klaim
kind-article = Artikel
kind-topic = Topik
kind-entity = Pembuat klaim
kind-page = Halaman
claim-kicker = Klaim
article-kicker = Artikel sumber
topic-kicker = Topik

## Beranda

home-updated = Terakhir diperbarui { $date }
home-counts = { $claims }, { $places }, dalam { $articles }
home-all-claims = Telusuri dan saring semua klaim
verdicts-unrated = tidak dihitung di atas: pernyataan pendapat, tujuan, atau pujian, yang tidak bisa benar atau salah.
home-disagree-heading = Hal yang diperselisihkan sumber-sumber
home-disagree-intro = Pernyataan-pernyataan yang tidak mungkin sama-sama benar. Bukti dalam dosir ini tidak selalu dapat memastikan mana yang benar.
home-apparent-heading = Perbedaan yang bukan pertentangan
home-apparent-intro = Pernyataan-pernyataan ini tampak bertentangan, tetapi bisa sama-sama benar: yang diperkirakan berbeda, rentang angkanya saling tumpang tindih, atau tanggal yang digambarkan berbeda.
home-articles-heading = Artikel sumber
home-found-heading = Temuan kami
home-pairs-more = { $n ->
    [one] Satu lagi tentang topik ini
   *[other] { $n } lagi tentang topik ini
}
home-no-topic = Klaim tanpa topik
home-faulted-heading = Kesalahan dalam teks sebagaimana diterbitkan
home-faulted-intro = Tempat terjemahan atau penyuntingan membuat teks mengatakan sesuatu yang tidak dikatakan sumbernya sendiri. Ini kesalahan teks, bukan perbedaan antarsumber.
home-notes-intro = Kekeliruan terjemahan yang lebih kecil dan catatan lain tentang kata-kata teks dicantumkan di samping setiap teks:
home-notes-in = { $title } ({ $notes })
notes-count = { $n ->
    [one] satu catatan
   *[other] { $n } catatan
}

## Artikel

articles-title = Artikel
articles-intro = Artikel-artikel sumber dosir ini, dimuat apa adanya, dengan setiap klaim disorot di tempat klaim itu disampaikan.
byline-republished = { $original }, diterbitkan ulang oleh { $outlet }
date-inferred = diperkirakan
provenance-published-by = Diterbitkan oleh
provenance-original = Penerbit asli
provenance-date = Tanggal
provenance-language = Bahasa
provenance-address = Alamat
provenance-source = Teks sebagaimana diterima
provenance-read-text = Baca teks persis seperti saat dikumpulkan (teks biasa)
provenance-fingerprint = Sidik jari dan rincian berkas
provenance-fingerprint-intro = Sidik jari ini dihitung dari teks sebagaimana diterima: mengubah satu huruf saja akan mengubahnya, sehingga siapa pun dapat memeriksa bahwa teks yang ditampilkan di sini adalah teks yang dikutip dosir ini.
provenance-file = Berkas { $file }, { $bytes } bita
editors-note = Catatan editor
article-text-heading = Artikel selengkapnya, apa adanya
legend-highlighted = Bagian yang disorot
legend-claims = adalah klaim. Tanda di ujung setiap bagian menunjukkan penilaiannya dan membuka halaman klaim:
legend-underlined = Bagian yang bergaris bawah
legend-notes = disertai catatan editor.
show-english = Tampilkan terjemahan bahasa Inggris di bawah setiap kalimat yang memuat klaim
english = Bahasa Inggris
english-highlight = Kata-kata yang disorot
line = baris { $line }
note-word = catatan
note-ref = catatan { $n }
notes-heading = Catatan editor
furniture-heading = Bukan bagian dari artikel
furniture-intro = Baris-baris dari situs web yang ikut terambil bersama artikel (menu, tombol keterangan foto, ajakan berkomentar, tautan yang tidak berkaitan). Baris-baris ini bukan bagian dari artikel dan tidak memuat klaim.
claims-in-article = Klaim dalam artikel ini ({ $n })
language-id = Bahasa Indonesia
language-en = Bahasa Inggris

## Klaim

claims-title = Semua klaim
claims-intro = Semua klaim dalam dosir ini: { $n }, dikelompokkan menurut penilaian.
claims-browse = Telusuri menurut:
claims-by-verdict = Klaim menurut penilaian
filter-heading = Cari klaim
filter-verdict = Penilaian
filter-topic = Topik
filter-article = Artikel
filter-claimant = Pembuat klaim
filter-relation = Hubungan dengan klaim lain
filter-any = Semua
filter-sort = Urutkan menurut
sort-verdict = Penilaian
sort-newest = Klaim terbaru lebih dulu
sort-oldest = Klaim terlama lebih dulu
sort-title = Judul
filter-reset = Tampilkan semua
filter-count = Menampilkan { $shown } dari { $total }
filter-page-note = Daftar ini panjang sehingga dibagi menjadi beberapa halaman: saringan dan urutan berlaku untuk klaim di halaman ini.
verdict-label = Penilaian
verdict-means = { $label } berarti: { $meaning }
claimed-by = Diklaim oleh
claimed-when = Waktu klaim disampaikan
claimed-by-on = Diklaim oleh { $claimant }, { $date }
quoted-in = dikutip dalam
reviewed = Ditinjau
last-updated = terakhir diperbarui { $date }
reported-by = Diberitakan oleh
appearances-heading = Tempat klaim ini muncul ({ $n })
figures-heading = Angka
figure-measure = Yang diukur
figure-value = Nilai
figure-as-of = Kondisi per
figure-as-of-note = “Kondisi per” adalah tanggal yang digambarkan oleh suatu angka; klaimnya sendiri bisa saja disampaikan belakangan.
figure-basis = Dasar
figure-or-more = { $n } atau lebih
figure-up-to = hingga { $n }
related-heading = Klaim terkait
analysis-heading = Analisis
outside-knowledge = Analisis ini memakai pengetahuan dari luar artikel-artikel dalam dosir; sumbernya tercantum di bawah.
corrections-heading = Koreksi
sources-heading = Sumber
cite-heading = Kutip halaman ini
cite-text = “{ $title }”. { $dossier }. Ditinjau { $date }.
cite-text-undated = “{ $title }”. { $dossier }.
copy-link = Salin tautan
copied = Tautan disalin.

## Hubungan antarklaim

relation-supports = Mendukung
relation-supported-by = Didukung oleh
relation-contradicts = Bertentangan dengan
relation-differs = Berbeda, tanpa bertentangan
relation-updates = Memperbarui
relation-updated-by = Diperbarui oleh
relation-context = Memberi konteks pada
relation-context-from = Konteks dari

## Angka sebagai teks

qualifier-about = sekitar { $value }
qualifier-at-least = sedikitnya { $value }
qualifier-more-than = lebih dari { $value }
qualifier-up-to = hingga { $value }
qualifier-less-than = kurang dari { $value }

## Topik

topics-title = Topik
figures-side-by-side = { $label }: semua perkiraan secara berdampingan
estimate = Perkiraan
chart-label = { $who }, { $date }
chart-label-claimed = { $who }, diklaim { $date }
not-charted = Tidak ditampilkan pada grafik karena teksnya tidak menyebutkan angka: { $list }.
conflicts-heading = Pertentangan antarsumber ({ $n })
differences-heading = Pertentangan semu: laporan yang berbeda tanpa saling bertentangan ({ $n })
differences-intro = Setiap pasangan tampak bertentangan, tetapi keduanya bisa sama-sama benar.
updates-heading = Informasi baru yang memperbarui informasi lama ({ $n })
agreements-heading = Kesesuaian antarsumber ({ $n })
context-heading = Konteks ({ $n })
topic-all-claims = Semua klaim tentang topik ini ({ $n })

## Siapa yang mengatakan

entities-title = Siapa yang mengatakan
entities-intro = Orang, pemerintah, lembaga, dan media yang klaimnya diperiksa dalam dosir ini.
entity-claims = Klaim dari { $name } ({ $n })
entity-breakdown = Penilaian atas klaim-klaim { $name }
entity-kind-person = Perorangan
entity-kind-government = Pemerintah
entity-kind-military = Militer
entity-kind-agency = Lembaga
entity-kind-state-media = Media pemerintah
entity-kind-outlet = Media berita
entity-kind-group = Kelompok
entity-kind-not-set = Jenis belum diisi

## Halaman konten

corrections-log = Catatan koreksi ({ $n })
no-corrections = Belum ada klaim yang dikoreksi sejak diterbitkan.
repository-corrections = Laporkan kesalahan, ajukan koreksi, atau usulkan klaim di repositori dosir ini
repository-contribute = Repositori dosir ini, tempat perubahan diajukan
contact-editors = Tulis kepada editor: laporkan kesalahan atau usulkan klaim

## Data terbuka

data-title = Data terbuka
data-intro = Seluruh isi dosir ini dapat diunduh dan digunakan kembali. Berkas-berkasnya dibuat ulang bersama situs setiap kali ada perubahan.
data-file = Berkas
data-format = Format
data-holds = Isi
data-dossier = Seluruh dosir: artikel beserta teks lengkapnya, klaim beserta setiap kemunculannya (posisi karakter dalam artikel), angka, hubungan antarklaim dari kedua arah, topik, dan entitas.
data-schema = Skema yang menjelaskan dossier.json.
data-csv = Satu baris per klaim: penilaian, pembuat klaim, tanggal, topik, ringkasan, artikel yang mengutipnya, serta klaim lain yang dibantahnya atau yang berbeda darinya.
data-annotations = Satu anotasi per sorotan, dengan TextQuoteSelector dan TextPositionSelector pada teks artikel, untuk perangkat anotasi.
data-feed = Umpan (feed) klaim, dengan perubahan terbaru lebih dulu.
data-sitemap = Daftar semua halaman, untuk mesin pencari.
data-claimreview = Setiap halaman klaim juga memuat ClaimReview schema.org dalam JSON-LD, format yang dibaca oleh mesin pencari dan agregator cek fakta.
licence-heading = Lisensi dan hak cipta
licence-text = Anotasi para editor dan datanya diterbitkan di bawah lisensi
licence-none = Belum ada lisensi yang ditetapkan untuk anotasi dan data.
rights-text = Teks artikel dikutip secara utuh sebagai bukti, agar setiap klaim dapat diperiksa terhadap sumbernya; hak atas teks tersebut tetap berada pada penerbitnya.

## Pencarian

search-title = Pencarian
search-prompt = Ketik sebuah kata atau nama, dalam bahasa Inggris atau bahasa Indonesia.
search-loading = Mencari…
search-results-count = { $n } hasil untuk “{ $q }”
search-results-many = Lebih dari { $n } hasil untuk “{ $q }”; yang terbaik ditampilkan.
search-no-results = Tidak ada hasil untuk “{ $q }”.
search-group-claim = Klaim
search-group-article = Artikel
search-group-topic = Topik
search-group-entity = Siapa mengatakan apa
search-group-page = Halaman
search-more = Tampilkan { $n } lagi
search-failed = Pencarian tidak dapat dijalankan di sini. Pencarian berfungsi jika situs dibuka melalui web, bukan jika dibuka langsung dari berkas di komputer.
search-needs-js = Pencarian memerlukan JavaScript, yang dinonaktifkan atau tidak tersedia di peramban ini. Anda tetap dapat menelusuri setiap klaim, topik, dan artikel.
search-off = Dosir ini dibuat tanpa indeks pencarian.
search-browse = Atau telusuri:

## Halaman tidak ditemukan

not-found-title = Halaman tidak ditemukan
not-found-text = Tidak ada halaman di alamat ini. Mungkin namanya telah diubah saat dosir ini disunting.
not-found-start = Mulai lagi dari:

## Tanggal

month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
date-not-set = tanggal belum diisi
uncovered-figure = Belum tercakup: kutip kalimatnya dalam sebuah klaim, beri catatan, atau cantumkan di not_claims dengan alasannya

## Daftar panjang

pagination-label = Halaman
pagination-page = Halaman { $n } dari { $total }
pagination-prev = Sebelumnya
pagination-next = Berikutnya
pairs-all = Lihat semua { $n }
figures-shown = { $shown } dari { $n } perkiraan ditampilkan: yang terbaru, dan yang klaimnya bertentangan dengan klaim lain.
figures-all = Semua { $n } perkiraan { $label }
figures-page-intro = Setiap perkiraan ukuran ini dalam klaim tentang { $topic }: { $n }, dari yang terlama hingga yang terbaru.
home-more-articles = { $n } artikel lebih lama di daftar artikel
home-more-notes = { $n } artikel lain juga memiliki catatan di samping teksnya: lihat daftar artikel

## Charts, topic contents, the claims list, the articles list's dates

chart-scale = Setiap baris adalah satu perkiraan, pada satu skala dari 0 sampai { $max } { $unit }: batang pucat membentang dari nol ke perkiraan, yang berupa batang penuh untuk rentang dan tanda pendek untuk satu angka.
chart-scale-shared = Setiap baris adalah satu perkiraan, pada satu skala dari 0 sampai { $max } { $unit }, sama di setiap grafik { $unit } pada halaman ini: batang pucat membentang dari nol ke perkiraan, yang berupa batang penuh untuk rentang dan tanda pendek untuk satu angka.
chart-open-above = Batang yang memudar ke kanan, diakhiri panah, tidak punya batas atas dalam teks (“sedikitnya”, “lebih dari”).
chart-open-below = Batang yang muncul perlahan dari nol tidak punya batas bawah dalam teks (“hingga”, “kurang dari”).
figure-single-by = Diklaim oleh
topic-contents = Di halaman ini
fold-more = Tampilkan { $n } lagi
filter-keyword = Kata kunci
date-basis-line = Cara tanggal ini ditetapkan:
