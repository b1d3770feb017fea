"""The schema's descriptions in Indonesian and English: what an editor shows beside each key.

Keyed by model (its class name) and property as the file spells it (`Condition.in`, `UnitInfo.class`).
Where the model already describes a field in English, the entry is the Indonesian alone and the schema
says "Indonesian / English" with the model's English (one source for each language); a tuple gives both
where the model says nothing, or where the model's words are the generic ones of its type.
A model's entry (no dot) is the Indonesian of its docstring. tests/test_schema.py requires every property
of every schema to end up in both languages, and no entry here to be left over.
"""

from __future__ import annotations

from typing import Any

Entry = str | tuple[str, str]

_QUESTION: dict[str, Entry] = {
    "id": (
        "Id pertanyaan (huruf kecil, angka, _), dirujuk oleh 'when' dan facts_from_answers.",
        "Question id (lower case letters, digits, _), referred to by 'when' and facts_from_answers.",
    ),
    "text": ("Pertanyaan sebagaimana ditanyakan kepada petugas.", "The question as the officer is asked it."),
    "help": ("Penjelasan tambahan yang ditampilkan di bawah pertanyaan.", "More help shown below the question."),
    "when": "Hanya ditanyakan bila setiap kondisi terpenuhi (satu kondisi atau daftar).",
}
_QUESTION_TYPES = {
    "YesNoQuestion": ("yes_no: pertanyaan ya/tidak.", "yes_no: a yes/no question."),
    "ChoiceQuestion": ("choice: pilih satu dari 'options'.", "choice: pick one of 'options'."),
    "NumberQuestion": (
        "number: bilangan bulat dalam batas 'min' dan 'max'.",
        "number: a whole number within 'min' and 'max'.",
    ),
}
_LEVEL_ID = ("Id tingkat dari pedoman (levels).", "A level id from the guideline (levels).")
_ROLE_ID = ("Id peran dari daftar peran pedoman (roles).", "A role id from the guideline's roles.")
_KIND_ID = ("Id jenis pernyataan dari pedoman (statement_kinds).", "A statement kind id from the guideline.")
_MIN_LEVEL = ("Berlaku mulai tingkat ini ke atas (kosong: semua tingkat).",
              "Applies from this level up (empty: every level).")  # fmt: skip
_WHEN = (
    "Hanya berlaku bila setiap kondisi terpenuhi (satu kondisi atau daftar).",
    "Applies only when every condition holds (one condition or a list).",
)
_MESSAGE = (
    "Pesan yang ditampilkan bila aturan dilanggar (id/en).",
    "The message shown when the rule is broken (id/en).",
)
_SEVERITY = ("error: menghentikan; warning: hanya mengingatkan.", "error: stops; warning: only warns.")
_KIND = ("Jenis berkas; harus tertulis persis seperti ini.", "The file kind; must be written exactly so.")

TEXTS: dict[str, Entry] = {
    # --- shared
    "Text": "Teks dalam Bahasa Indonesia (`id`) dan bahasa Inggris (`en`).",
    "Text.id": ("Teks dalam Bahasa Indonesia.", "The text in Indonesian."),
    "Text.en": ("Teks dalam bahasa Inggris.", "The text in English."),
    # --- the guideline file
    "Guideline.kind": _KIND,
    "Guideline.name": ("Nama pedoman.", "Name of the guideline."),
    "Guideline.version": (
        'Versi pedoman, mis. "1.0.0" (tulis dalam tanda kutip).',
        'Version of the guideline, e.g. "1.0.0" (write it in quotes).',
    ),
    "Guideline.owner": (
        "Pemilik pedoman (unit atau kantor yang memeliharanya).",
        "Owner of the guideline (the unit or office that keeps it).",
    ),
    "Guideline.review_by": (
        "Tanggal tinjauan berikutnya (YYYY-MM-DD); lewat tanggal ini validate memperingatkan.",
        "Date of the next review (YYYY-MM-DD); validate warns once it has passed.",
    ),
    "Guideline.levels": "Tingkat keparahan, berurutan dari yang paling ringan ke yang paling berat.",
    "Guideline.roles": (
        "Daftar peran: siapa diberi tahu, dengan tenggat per tingkat dan saluran.",
        "The roles registry: who is told, with deadlines per level and channels.",
    ),
    "Guideline.statement_kinds": (
        "Jenis pernyataan (holding, pembaruan, klarifikasi, hak jawab ...).",
        "Statement kinds (holding, update, clarification, right of reply ...).",
    ),
    "Guideline.first_statement": "Jenis pernyataan yang harus ditawarkan setiap tingkat yang dapat dicapai.",
    "Guideline.disclosure": (
        "Aturan keterbukaan: apa yang tidak boleh dimuat, syarat rilis, penyetuju.",
        "Disclosure rules: what must not be printed, release requirements, approvers.",
    ),
    "Guideline.facts_from_roster": "Isian pernyataan yang diisi dengan nama pemegang peran di profil unit "
    "(nama_kepala_unit: kalapas), sehingga tidak ditanyakan; --set atau berkas jawaban didahulukan.",
    "Guideline.numbering": "Isian yang menomori sendiri satu jenis pernyataan (nomor pembaruan).",
    "Guideline.promises": "Isian yang waktunya dijanjikan oleh pernyataan yang dirilis (pembaruan berikutnya): "
    "status, laporan dan penutupan menunjukkan janji yang ditepati atau terlewat.",
    "Guideline.style": (
        "Gaya selingkung yang diperiksa pada setiap pernyataan.",
        "House style, checked on every statement.",
    ),
    "Guideline.upstream": "Asal pedoman ini (ditulis oleh `pasopati init`; dipakai saat pemutakhiran).",
    "Level.id": ("Id tingkat (mis. waspada, siaga, darurat).", "Level id (e.g. waspada, siaga, darurat)."),
    "Level.title": ("Nama tingkat yang dibaca petugas.", "The level's name as officers read it."),
    "Level.criteria": ("Kapan tingkat ini berlaku.", "When this level applies."),
    "Level.color": "Warna di terminal (nama warna Rich).",
    "Role.id": ("Id peran (mis. kalapas, kakanwil, polres).", "Role id (e.g. kalapas, kakanwil, polres)."),
    "Role.title": ("Jabatan atau instansi peran ini.", "The post or agency of this role."),
    "Role.scope": "core: diberi tahu pada setiap insiden pada tingkat di `notify`; partner: hanya bila jenis "
    "kejadian mengaktifkannya.",
    "Role.notify": "Id tingkat -> tenggat sejak insiden dimulai. Tingkat yang tidak ditulis: tidak diberi tahu.",
    "Role.channels": (
        "Saluran untuk memberi tahu peran ini, yang utama lebih dahulu.",
        "Channels to reach this role, the main one first.",
    ),
    "StatementKind.id": ("Id jenis pernyataan (mis. holding, pembaruan).", "Statement kind id (e.g. holding)."),
    "StatementKind.title": ("Nama jenis pernyataan.", "Name of the statement kind."),
    "StatementKind.purpose": ("Untuk apa jenis pernyataan ini.", "What this kind of statement is for."),
    "Disclosure.rules": (
        "Pola yang tidak boleh muncul dalam pernyataan yang dirilis.",
        "Patterns that must not appear in a released statement.",
    ),
    "Disclosure.release_requires": (
        "Hal yang harus sudah tercatat di jurnal sebelum pernyataan boleh dirilis.",
        "What must be in the journal before a statement may be released.",
    ),
    "Disclosure.approvers": "Id tingkat -> peran yang harus menyetujui pernyataan pada tingkat itu.",
    "Disclosure.naming": "Peran mana yang boleh disebut dengan inisial pada tahap mana; jenis kejadian dapat "
    "mengubahnya.",
    "Naming": "Peran mana yang boleh disebut dengan inisial pada tahap mana dalam sebuah insiden.",
    "Naming.stages": (
        "Tahap insiden, masing-masing fakta ya/tidak (mis. ditetapkan_tersangka).",
        "The stages of an incident, each a yes/no fact (e.g. ditetapkan_tersangka).",
    ),
    "Naming.roles": (
        "Peran orang dalam insiden dan sejak kapan inisialnya boleh dimuat.",
        "The roles people play in an incident, and from when their initials may be printed.",
    ),
    "Naming.default_role": "Peran orang yang ditandai tanpa peran.",
    "Naming.law": "Dasar hukum yang dikutip temuan.",
    "NamingStage": "Titik dalam insiden sejak inisial suatu peran boleh dimuat: fakta ya/tidak insiden "
    "(`pasopati incident fact ID ditetapkan_tersangka=ya`) atau pernyataan yang sedang disusun.",
    "NamingStage.id": "Fakta yang menyatakan tahap ini tercapai (ya/tidak); juga id-nya.",
    "NamingStage.title": "Arti tahap ini, mis. 'penyidik Polri telah menetapkan tersangka'.",
    "NamingRole": "Peran seseorang dalam insiden, dan sejak kapan inisialnya boleh muncul dalam pernyataan.",
    "NamingRole.id": ("Id peran (mis. korban, tersangka).", "Role id (e.g. korban, tersangka)."),
    "NamingRole.title": ("Arti peran ini.", "What the role means."),
    "NamingRole.initials": "Kapan inisial peran ini boleh dimuat: 'never', 'always', atau id tahap (sejak tahap "
    "itu). Nama lengkap tidak pernah dimuat, apa pun perannya.",
    "NamingRole.words": "Kata yang menyebut orang dengan peran ini dalam pernyataan ('warga binaan', 'victim'): "
    "inisial yang ditulis sesudahnya ('warga binaan berinisial RH', 'RH (32)') dinilai dengan aturan peran ini.",
    "DisclosureRule": "Pola yang tidak boleh muncul dalam pernyataan yang dirilis, dengan hukum yang melarangnya.",
    "DisclosureRule.id": ("Id aturan (muncul dalam laporan masalah).", "Rule id (shown in problem reports)."),
    "DisclosureRule.check": (
        "Cara memeriksa: regex, frasa, nama orang, nama anak, isian kosong, atau judul.",
        "How to check: regex, phrase, person name, child name, placeholder or headline.",
    ),
    "DisclosureRule.category": "Apa yang dilindungi aturan; menentukan kode masalah (P601-P610). Bawaan: dari `check`.",
    "DisclosureRule.patterns": (
        "Pola atau frasa yang dicari (wajib untuk regex, phrase, child_name, placeholder, headline).",
        "Patterns or phrases looked for (required for regex, phrase, child_name, placeholder, headline).",
    ),
    "DisclosureRule.unless": "Frasa yang membebaskan temuan bila ada dalam kalimatnya (untuk aturan `headline`: "
    "dalam judulnya), mis. 'masih diselidiki' di samping penyebab, 'diduga' dalam judul.",
    "DisclosureRule.message": _MESSAGE,
    "DisclosureRule.law": ("Dasar hukum larangan ini.", "The law that forbids it."),
    "DisclosureRule.severity": _SEVERITY,
    "ReleaseRequirement": "Hal yang harus sudah tercatat di jurnal sebelum pernyataan boleh dirilis.",
    "ReleaseRequirement.id": ("Id syarat.", "Requirement id."),
    "ReleaseRequirement.levels": "Berlaku pada tingkat ini (kosong: semua).",
    "ReleaseRequirement.mentions": "Berlaku bila pernyataan menyebut salah satu kata ini.",
    "ReleaseRequirement.roles_notified": ("Peran yang harus sudah diberi tahu.", "Roles that must have been told."),
    "ReleaseRequirement.actions_done": (
        "Tindakan (id dari jenis kejadian) yang harus sudah selesai.",
        "Actions (ids from the crisis types) that must be done.",
    ),
    "ReleaseRequirement.message": ("Pesan bila syarat belum terpenuhi.", "The message while it is not met."),
    "Promise": 'Isian pernyataan yang nilainya sebuah janji: "pembaruan berikutnya pukul 22.00" membuat '
    "pembaruan jatuh tempo pada waktu itu.",
    "Promise.variable": ("Nama isian templat yang memuat waktu janji.", "The template variable holding the time."),
    "Promise.kind": "Jenis pernyataan yang dijanjikan pada waktu itu.",
    "Numbering": 'Isian pernyataan yang menghitung pernyataan satu jenis yang telah dirilis ("Pembaruan ke-2").',
    "Numbering.variable": ("Nama isian templat yang diberi nomor.", "The template variable that is numbered."),
    "Numbering.kind": "Jenis pernyataan yang dihitung; isian bernilai satu lebih dari yang telah dirilis.",
    "Style": "Gaya selingkung, diperiksa pada setiap pernyataan oleh `pasopati check` dan pada render uji oleh "
    "`validate`.",
    "Style.rules": ("Aturan gaya (EYD V untuk Bahasa Indonesia).", "Style rules (EYD V for Indonesian)."),
    "StyleRule": "Aturan gaya selingkung untuk pernyataan yang dirilis (EYD V untuk Bahasa Indonesia), dengan "
    "perbaikannya dalam pesan.",
    "StyleRule.id": ("Id aturan gaya.", "Style rule id."),
    "StyleRule.check": (
        "Pemeriksaan yang dijalankan (koma serial, huruf judul, tanda pisah, singkatan ...).",
        "The check run (serial comma, headline case, range dash, abbreviation ...).",
    ),
    "StyleRule.category": "Menentukan kode masalah (P701-P710). Bawaan: kategori `check`.",
    "StyleRule.langs": "Bahasa pernyataan tempat aturan berlaku.",
    "StyleRule.kinds": "Jenis pernyataan tempat aturan berlaku (kosong: semua).",
    "StyleRule.except_kinds": "Jenis pernyataan yang tidak pernah dikenai aturan ini.",
    "StyleRule.patterns": "serial_comma: kata sambung; headline_case: kata tugas yang tetap huruf kecil; "
    "first_person: kata-katanya; regex: ekspresi reguler. Kata berhuruf kecil juga cocok dengan bentuk "
    "berhuruf kapital; kata berhuruf kapital harus sama persis.",
    "StyleRule.replace": "abbreviation: yang tidak ditulis -> yang ditulis sebagai gantinya.",
    "StyleRule.limits": "post_length: platform -> jumlah karakter terbanyak sebuah unggahan (paling sedikit 1).",
    "StyleRule.words_up_to": "number_words: bilangan sampai angka ini ditulis dengan huruf; 'eyd': setiap "
    "bilangan yang dapat ditulis dengan satu atau dua kata.",
    "StyleRule.message": _MESSAGE,
    "StyleRule.severity": _SEVERITY,
    "Upstream": "Pedoman asal pedoman unit ini (`pasopati init`), untuk pemutakhiran kelak.",
    "Upstream.name": "Nama pedoman asal (Pasopati).",
    "Upstream.version": "Versinya ketika pedoman ini dimulai darinya.",
    "Upstream.hash": "sha256 atas playbook dan templat asal sebagaimana disalin (`sha256:` + 64 digit heksadesimal).",
    # --- crisis types
    "CrisisType.kind": _KIND,
    "CrisisType.id": (
        "Id jenis kejadian; sama dengan nama berkasnya (<id>.yaml).",
        "Crisis type id; the same as its file name (<id>.yaml).",
    ),
    "CrisisType.title": ("Nama jenis kejadian.", "Name of the crisis type."),
    "CrisisType.summary": ("Ringkasan: kapan jenis ini dipakai.", "Summary: when this type applies."),
    "CrisisType.phase": (
        "crisis: insiden; pre-crisis: persiapan (mis. rilis pers terencana).",
        "crisis: an incident; pre-crisis: preparation (e.g. a planned press release).",
    ),
    "CrisisType.keywords": (
        "Kata untuk mengenali jenis ini dalam berita (pemantauan media).",
        "Words that spot this type in the news (media monitoring).",
    ),
    "CrisisType.base_level": (
        "Tingkat awal sebelum jawaban triase menaikkannya.",
        "The level before triage answers raise it.",
    ),
    "CrisisType.triage": ("Pertanyaan triase yang menentukan tingkat.", "The triage questions that set the level."),
    "CrisisType.roles": (
        "Mitra yang dipanggil jenis kejadian ini, dan kapan.",
        "Partners this crisis type calls in, and when.",
    ),
    "CrisisType.actions": (
        "Daftar tindakan dengan penanggung jawab dan tenggat sejak insiden dimulai.",
        "The action checklist with owners and deadlines after the incident starts.",
    ),
    "CrisisType.statements": (
        "Jenis pernyataan yang berlaku pada tingkat mana, dengan templatnya.",
        "Which statement kinds apply at which levels, with their templates.",
    ),
    "CrisisType.first_statement": "Jenis pernyataan yang pertama disusun untuk jenis ini dan ditawarkan pada "
    "setiap tingkat yang dapat dicapai (bawaan: first_statement pedoman; jenis pra-krisis boleh dimulai "
    "dengan siaran pers).",
    "CrisisType.facts_from_answers": "Isian pernyataan yang diisi dari jawaban triase (isian: id pertanyaan, "
    "pertanyaan pilihan yang dibaca sebagai ya/tidak, pertanyaan ya/tidak yang jawaban 'tidak'-nya memberi "
    "nilai, atau daftar yang dicoba berurutan), sehingga fakta yang sudah diberikan tidak ditanyakan lagi. "
    "Nilai dari --set atau --vars didahulukan.",
    "CrisisType.tallies": "Hitungan berjalan insiden jenis ini, diperbarui dengan `incident fact`; hitungan "
    "turunan dihitung dari yang sebelumnya.",
    "CrisisType.states": "Frasa keadaan yang bertentangan dengan nilai fakta saat ini.",
    "CrisisType.key_messages": (
        "Peta pesan: paling banyak tiga pesan kunci per pertanyaan khalayak.",
        "Message maps: up to three key messages per audience question.",
    ),
    "CrisisType.do": ("Yang harus dilakukan juru bicara.", "What the spokesperson should do."),
    "CrisisType.dont": ("Yang tidak boleh dilakukan juru bicara.", "What the spokesperson must not do."),
    "CrisisType.sources": "Rujukan yang menjadi dasar isi.",
    "CrisisType.naming": "Id peran -> kapan inisialnya boleh dimuat pada jenis ini ('never', 'always' atau id "
    "tahap): menggantikan disclosure.naming pedoman untuk jenis ini.",
    "Triage.questions": (
        "Pertanyaan, ditanyakan berurutan; 'type' menentukan bentuknya.",
        "The questions, asked in order; 'type' sets their form.",
    ),
    "Condition": "Terpenuhi bila jawaban sebelumnya atas `question` cocok dengan tepat satu operator.",
    "Condition.question": ("Id pertanyaan yang ditanyakan lebih awal.", "Id of a question asked earlier."),
    "Condition.equals": (
        "Jawaban sama dengan nilai ini (true/false, id opsi, atau angka).",
        "The answer equals this value (true/false, an option id or a number).",
    ),
    "Condition.in": ("Jawaban salah satu id opsi ini.", "The answer is one of these option ids."),
    "Condition.at_least": ("Jawaban angka paling sedikit ini.", "A number answer of at least this."),
    "Condition.at_most": ("Jawaban angka paling banyak ini.", "A number answer of at most this."),
    "Floor": "Jawaban menaikkan tingkat paling sedikit ke `level`, dengan alasan yang disebut.",
    "Floor.level": _LEVEL_ID,
    "Floor.reason": ("Alasan yang ditampilkan kepada petugas.", "The reason shown to the officer."),
    "YesNoQuestion.default": ("Jawaban bawaan.", "The default answer."),
    "YesNoQuestion.raises_to": "Berlaku bila jawabannya ya.",
    "ChoiceQuestion.options": ("Pilihan jawaban (paling sedikit dua).", "The answer options (at least two)."),
    "ChoiceQuestion.default": ("Id opsi bawaan.", "The default option id."),
    "Option.id": ("Id opsi, dirujuk oleh 'when'.", "Option id, referred to by 'when'."),
    "Option.label": ("Label opsi yang dibaca petugas.", "The option's label as the officer reads it."),
    "Option.raises_to": ("Tingkat paling rendah bila opsi ini dipilih.", "The level floor when this option is chosen."),
    "NumberQuestion.min": ("Angka terkecil yang diterima (bawaan 0).", "The smallest number accepted (default 0)."),
    "NumberQuestion.max": ("Angka terbesar yang diterima.", "The largest number accepted."),
    "NumberQuestion.default": ("Jawaban bawaan.", "The default answer."),
    "NumberQuestion.thresholds": (
        "Ambang yang menaikkan tingkat, naik berurutan menurut at_least.",
        "Thresholds that raise the level, rising by at_least.",
    ),
    "Threshold.at_least": (
        "Berlaku bila jawaban paling sedikit angka ini.",
        "Applies when the answer is at least this.",
    ),
    "Threshold.raises_to": ("Tingkat paling rendah bila ambang tercapai.", "The level floor once it is reached."),
    "RoleActivation": "Mitra yang dipanggil jenis kejadian ini, mulai suatu tingkat dan/atau bila jawaban "
    "menghendakinya.",
    "RoleActivation.role": _ROLE_ID,
    "RoleActivation.min_level": _MIN_LEVEL,
    "RoleActivation.when": _WHEN,
    "RoleActivation.deadline": "Menggantikan tenggat daftar peran untuk tingkat itu.",
    "RoleActivation.task": ("Tugas mitra dalam insiden ini.", "The partner's task in this incident."),
    "Action.id": ("Id tindakan.", "Action id."),
    "Action.text": ("Tindakan yang dilakukan.", "What is done."),
    "Action.owner": "Id peran yang bertanggung jawab atas tindakan.",
    "Action.due": (
        "Tenggat sejak insiden dimulai: '0m' (segera), '15m', '2h', '1h30m', '1d'.",
        "Deadline after the incident starts: '0m' (at once), '15m', '2h', '1h30m', '1d'.",
    ),
    "Action.min_level": _MIN_LEVEL,
    "Action.when": _WHEN,
    "StatementUse.kind": _KIND_ID,
    "StatementUse.levels": ("Tingkat tempat pernyataan ini berlaku.", "The levels at which this statement applies."),
    "StatementUse.template": "Jalur templat per bahasa, relatif terhadap folder templates/ pedoman ('id' wajib).",
    "StatementUse.due": "Id tingkat -> kapan pernyataan harus keluar.",
    "KeyMessage.text": ("Pesan kunci (singkat, sekitar 27 kata).", "The key message (short, about 27 words)."),
    "KeyMessage.facts": ("Paling banyak tiga fakta pendukung.", "Up to three supporting facts."),
    "MessageMap.audience": ("Khalayak (keluarga, media, warga ...).", "The audience (families, media, residents ...)."),
    "MessageMap.question": ("Pertanyaan khalayak itu.", "That audience's question."),
    "MessageMap.messages": ("Satu sampai tiga pesan kunci.", "One to three key messages."),
    "ChoiceAsYesNo": "Fakta ya/tidak yang dibaca dari pertanyaan pilihan: ya bila salah satu opsi ini dipilih.",
    "ChoiceAsYesNo.question": ("Id pertanyaan pilihan.", "Id of the choice question."),
    "ChoiceAsYesNo.means_yes": "Opsi yang berarti ya; opsi lain berarti tidak. (Bukan `yes`: YAML 1.1 membaca "
    "kunci itu sebagai true.)",
    "YesNoAsValue": 'Fakta yang diberikan pertanyaan ya/tidak yang dijawab tidak: "tidak ada korban jiwa" '
    "berarti jumlah korban 0. Dijawab ya, fakta ditanyakan (atau diambil dari sumber berikutnya dalam daftar).",
    "YesNoAsValue.question": ("Id pertanyaan ya/tidak.", "Id of the yes/no question."),
    "YesNoAsValue.if_no": "Nilai isian bila jawabannya tidak.",
    "Derived.base": "Hitungan yang menjadi titik awal.",
    "Derived.minus": "Hitungan yang dikurangkan.",
    "Derived.plus": "Hitungan yang ditambahkan.",
    "Tally": "Hitungan berjalan insiden (kabur, tertangkap kembali, meninggal, luka, dievakuasi, sandera).",
    "Tally.id": ("Id hitungan, juga nama isiannya di templat.", "Tally id, also its variable name in templates."),
    "Tally.label": ("Nama hitungan yang dibaca petugas.", "The tally's name as officers read it."),
    "Tally.derived": "Hitungan yang dihitung dari hitungan sebelumnya (masih dicari = kabur - tertangkap - "
    "menyerahkan diri); tidak pernah diketik, dan nilai yang membuatnya negatif ditolak.",
    "StatePhrases": "Frasa yang tidak boleh dimuat pernyataan selama fakta `fact` bernilai `value` (mis. "
    "'masih berupaya mengendalikan' setelah keadaan terkendali): `pasopati check --incident` menandainya.",
    "StatePhrases.fact": ("Nama fakta (isian) yang diawasi.", "Name of the fact (variable) watched."),
    "StatePhrases.value": ("Nilai fakta yang membuat frasa salah.", "The fact's value that makes the phrases wrong."),
    "StatePhrases.contradicts": (
        "Bahasa (id/en) -> frasa yang bertentangan dengan nilai itu.",
        "Language (id/en) -> phrases that contradict that value.",
    ),
    # --- statement templates (front matter)
    "TemplateMeta.title": (
        "Judul templat (untuk daftar dan buku pegangan).",
        "Title of the template (for lists and the handbook).",
    ),
    "TemplateMeta.description": ("Keterangan singkat templat.", "A short description of the template."),
    "TemplateMeta.partial": "Bagian sisipan (kop surat, blok kontak), bukan pernyataan.",
    "TemplateMeta.variables": (
        "Setiap isian yang dipakai templat, dengan pertanyaan dan tipenya.",
        "Every variable the template uses, with its prompt and type.",
    ),
    "Variable.name": (
        "Nama isian di templat (huruf kecil, angka, _).",
        "Variable name in the template (lower case, digits, _).",
    ),
    "Variable.prompt": ("Pertanyaan kepada petugas untuk isian ini.", "What the officer is asked for it."),
    "Variable.type": (
        "Tipe nilai: text, long_text, integer, yes_no, choice, datetime, date, time.",
        "Value type: text, long_text, integer, yes_no, choice, datetime, date, time.",
    ),
    "Variable.required": ("Wajib diisi sebelum pernyataan dibuat.", "Must be given before the statement is made."),
    "Variable.choices": ("choice: nilai yang boleh dipilih.", "choice: the values that may be chosen."),
    "Variable.example": (
        "Contoh nilai untuk render uji; harus sesuai tipenya.",
        "An example value for trial renders; it must fit the type.",
    ),
    "Variable.default": ("Nilai bawaan; harus sesuai tipenya.", "The default value; it must fit the type."),
    "Variable.min": "integer: nilai terkecil yang diterima (0 bila tidak ditulis).",
    "Variable.max": "integer: nilai terbesar yang diterima.",
    "Variable.tense": "datetime, date, time: saat yang sudah terjadi (past) atau yang akan datang (future). "
    "Jam tanpa tanggal dibaca sebagai waktu lampau terakhir atau waktu berikutnya; nilai yang diketik di sisi "
    "yang salah dari sekarang dikonfirmasi sebelum dipakai.",
    # --- the unit profile
    "UnitProfile.kind": _KIND,
    "UnitProfile.unit": ("Identitas dan kontak unit.", "The unit's identity and contacts."),
    "UnitProfile.spokesperson": "Peran di roster yang pemegangnya berbicara atas nama unit.",
    "UnitProfile.roster": ("Peran -> orang yang memegangnya di unit ini.", "Role -> the person who holds it here."),
    "UnitProfile.aliases": "Nama lain unit yang dipakai pers ('LP Cipinang', 'Lapas Kelas I Jakarta'); pemantauan "
    "media menganggap berita yang menyebut salah satunya, atau nama unit sendiri, sebagai berita tentang unit.",
    "UnitProfile.officials": "Nama pejabat unit sebagaimana ditulis pers (Kalapas, juru bicara); berita yang "
    "menyebut salah satunya adalah tentang unit.",
    "UnitInfo.name": "Nama lengkap, mis. 'Lapas Kelas I Cipinang'.",
    "UnitInfo.class": ("Kelas unit, mis. 'Kelas I'.", "The unit's class, e.g. 'Kelas I'."),
    "UnitInfo.city": ("Kota (untuk baris tempat dan tanggal siaran pers).", "City (for the press release dateline)."),
    "UnitInfo.address": ("Alamat unit.", "The unit's address."),
    "UnitInfo.timezone": "Nama IANA (Asia/Jakarta) atau WIB, WITA, WIT.",
    "UnitInfo.regional_office": "Kanwil di atas unit, dalam Bahasa Indonesia.",
    "UnitInfo.regional_office_en": "Kanwil dalam bahasa Inggris, mis. 'West Java Regional Office of the "
    "Directorate General of Corrections'. Pernyataan berbahasa Inggris yang mencetaknya ditolak tanpa ini.",
    "UnitInfo.phone": ("Telepon unit.", "The unit's phone."),
    "UnitInfo.email": ("Surel unit.", "The unit's email."),
    "UnitInfo.website": ("Situs web unit.", "The unit's website."),
    "UnitInfo.about": "Paragraf singkat baku tentang unit.",
    "Person.name": ("Nama lengkap.", "Full name."),
    "Person.title": "Jabatan dalam Bahasa Indonesia, mis. 'Kepala Lapas Kelas I Cipinang'.",
    "Person.title_en": "Jabatan dalam bahasa Inggris, mis. 'Head of Cipinang Class I Prison'. Pernyataan "
    "berbahasa Inggris yang mencetak jabatan ditolak tanpa ini.",
    "Person.phone": ("Telepon.", "Phone."),
    "Person.email": ("Surel.", "Email."),
    # --- answers
    "Answers.kind": _KIND,
    "Answers.crisis_type": ("Id jenis kejadian yang dijawab.", "Id of the crisis type answered."),
    "Answers.answers": (
        "Id pertanyaan triase -> jawaban (true/false, id opsi, atau angka).",
        "Triage question id -> answer (true/false, an option id or a number).",
    ),
    "Answers.raise_to": (
        "Kenaikan tingkat oleh petugas, dengan alasannya.",
        "A level raised by the officer, with the reason.",
    ),
    "Answers.facts": "Fakta pernyataan. Teks yang berbeda per bahasa ditulis {id: ..., en: ...}: pernyataan "
    "berbahasa Inggris menolak teks yang hanya diberi `id`. Nilai tunggal (nama, angka, tautan) dipakai apa "
    "adanya dalam kedua bahasa.",
    "Answers.people": "Orang yang terlibat (warga binaan, korban, saksi, petugas yang bersangkutan): nama "
    "lengkap, atau {name, role} dengan peran dari disclosure.naming pedoman. Pernyataan tidak boleh memuat "
    "namanya; inisialnya hanya bila peran dan tahap insiden mengizinkan.",
    "MarkedPerson": "Orang yang terlibat, dengan perannya dalam insiden.",
    "MarkedPerson.name": "Nama lengkap; pernyataan tidak pernah boleh memuatnya.",
    "MarkedPerson.role": "Peran dari disclosure.naming pedoman (korban, tersangka ...).",
    "Answers.start": (
        "Waktu insiden dimulai (ISO 8601 dengan zona).",
        "When the incident started (ISO 8601 with a zone).",
    ),
    "Answers.operator": ("Petugas yang mengisi.", "The officer who answered."),
    "ManualRaise.level": _LEVEL_ID,
    "ManualRaise.reason": ("Alasan kenaikan tingkat.", "Why the level was raised."),
    # --- media monitoring
    "Monitoring.kind": _KIND,
    "Monitoring.feeds": (
        "Umpan RSS atau Atom yang dipantau (id dan alamat unik).",
        "The RSS or Atom feeds watched (ids and addresses unique).",
    ),
    "Monitoring.corrections": "Kata yang membuat berita tentang pemasyarakatan secara umum (lapas, rutan, "
    "warga binaan ...).",
    "Monitoring.policy": "Topik kebijakan strategis yang tidak menunjuk jenis kejadian (remisi, kelebihan "
    "kapasitas, amnesti).",
    "Monitoring.false_friends": "Frasa yang kata-katanya tidak dihitung untuk jenis kejadian ('dilarikan ke "
    "rumah sakit' bukan pelarian, 'kereta api' bukan kebakaran).",
    "Monitoring.news_markers": "Kata yang membuat berita tentang pemberitaan itu sendiri (hoaks, video viral, "
    "bantahan, klarifikasi): menyarankan `response_type` apa pun insiden yang disebutnya.",
    "Monitoring.not_incident": "Kata yang menandai berita sama sekali bukan insiden (latihan, simulasi): tidak "
    "menyarankan jenis kejadian.",
    "Monitoring.response_type": "Jenis kejadian yang dibuka `monitor respond` bila berita tidak menunjuk jenis lain.",
    "Monitoring.sentiment": (
        "Kata yang menunjukkan nada berita terhadap institusi.",
        "Words that show a story's tone towards the institution.",
    ),
    "Monitoring.grouping": ("Cara berita dikelompokkan menjadi isu.", "How stories are grouped into issues."),
    "Monitoring.fetch": ("Batas saat mengambil umpan.", "Limits for fetching feeds."),
    "Feed": "Satu sumber RSS atau Atom: umpan sebuah media, umpan pencarian berita, atau umpan lain yang "
    "ditambahkan unit.",
    "Feed.id": ("Id umpan.", "Feed id."),
    "Feed.name": "Nama media sebagaimana tampil dalam laporan.",
    "Feed.url": "Alamat http atau https umpan.",
    "Feed.scope": ("nasional atau lokal.", "National (nasional) or local (lokal)."),
    "Feed.every": "Seberapa sering `monitor watch` mengambilnya.",
    "Feed.language": ("Bahasa umpan (id atau en).", "The feed's language (id or en)."),
    "Feed.kind": "Umpan sebuah media atau umpan kueri pencarian.",
    "Sentiment": "Kata yang menunjukkan cara berita memperlakukan institusi; dicocokkan pada kata dasar "
    "('kabur' menemukan 'dikaburkan').",
    "Sentiment.negatif": ("Kata bernada negatif.", "Words with a negative tone."),
    "Sentiment.positif": ("Kata bernada positif.", "Words with a positive tone."),
    "Sentiment.negators": "Kata yang membalik kata sentimen berikutnya ('tidak ada pungli' tidak negatif).",
    "Grouping.similarity": "Seberapa mirip kata dua berita (0-1, Jaccard) agar menjadi satu isu.",
    "Grouping.window": "Berita yang terpaut lebih lama dari ini menjadi isu terpisah.",
    "FetchLimits.timeout": "Detik menunggu sebuah umpan.",
    "FetchLimits.retries": "Percobaan ulang setelah batas waktu, galat jaringan, atau 5xx.",
    "FetchLimits.max_bytes": "Umpan yang lebih besar ditolak.",
    "FetchLimits.max_redirects": ("Jumlah pengalihan terbanyak yang diikuti.", "The most redirects followed."),
}
for _model, _type in _QUESTION_TYPES.items():
    TEXTS.update({f"{_model}.{key}": value for key, value in _QUESTION.items()})
    TEXTS[f"{_model}.type"] = _type


def both(entry: Entry | None, english: str | None) -> str | None:
    """'Indonesian / English' from an entry and the model's English; None when neither says anything."""
    if isinstance(entry, tuple):
        return " / ".join(entry)
    if entry and english:
        return f"{entry} / {' '.join(english.split())}"
    return english or entry


def describe(model: str, node: dict[str, Any]) -> None:
    """The descriptions of a model's schema and of its properties, in both languages."""
    text = both(TEXTS.get(model), node.get("description"))
    if text:
        node["description"] = text
    for key, value in node.get("properties", {}).items():
        text = both(TEXTS.get(f"{model}.{key}"), value.get("description"))
        if text:
            value["description"] = text
