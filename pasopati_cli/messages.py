"""Words of the interactive walk and the result tables, in Bahasa Indonesia and English."""

from __future__ import annotations

from pasopati_cli.problems import Lang

_TEXT: dict[str, tuple[str, str]] = {
    "choose_type": (
        "Pilih jenis kejadian (nomor atau id), atau ceritakan singkat apa yang terjadi",
        "Choose the incident type (number or id), or describe briefly what happened",
    ),
    "guess": ("Dugaan jenis kejadian: {title} ({id}). Benar?", "This looks like: {title} ({id}). Right?"),
    "choose_number": (
        "Pilih nomor 1 sampai {last}, ketik id jenisnya, atau ceritakan kejadiannya dalam satu kalimat.",
        "Choose a number from 1 to {last}, type the type's id, or describe what happened in one sentence.",
    ),
    "tense_check": ("{value}: {reason}.", "{value}: {reason}."),
    "tense_keep": ("Tetap pakai waktu ini?", "Use this time anyway?"),
    "long_input": (
        "Teks ini mungkin terpotong: terminal hanya meneruskan {limit} karakter per baris. Untuk teks panjang, "
        "pakai --vars BERKAS (YAML) atau ketik lebih singkat.",
        "This text may be cut short: the terminal passes only {limit} characters per line. For long text, "
        "use --vars FILE (YAML) or type less.",
    ),
    "no_guess": (
        "Tidak dapat menebak jenis kejadian dari kalimat itu; pilih dari daftar.",
        "Could not tell the type from that description; choose from the list.",
    ),
    "types_title": ("Jenis kejadian", "Incident types"),
    "triage_title": ("Triase: {title}", "Triage: {title}"),
    "back_hint": (
        "Ketik < untuk kembali ke pertanyaan sebelumnya. Ctrl-C menyimpan jawaban dan berhenti.",
        "Type < to go back to the previous question. Ctrl-C saves the answers and stops.",
    ),
    "yes_no": ("ya/tidak", "yes/no"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "invalid": ("Jawaban tidak sah: {reason}", "Invalid answer: {reason}"),
    "level": ("Tingkat", "Level"),
    "level_is": ("Tingkat: {level}", "Level: {level}"),
    "base_reason": ("tingkat dasar jenis kejadian ini", "the base level of this incident type"),
    "manual_reason": ("dinaikkan manual: {reason}", "raised by hand: {reason}"),
    "raise_ask": ("Naikkan tingkat secara manual?", "Raise the level by hand?"),
    "raise_to": ("Naikkan ke tingkat", "Raise to level"),
    "raise_why": ("Alasan menaikkan tingkat", "Reason for raising the level"),
    "summary_title": ("Ringkasan jawaban", "Summary of answers"),
    "question": ("Pertanyaan", "Question"),
    "answer": ("Jawaban", "Answer"),
    "confirm_ask": (
        "Lanjut? (ya = benar, nomor = ubah jawaban itu, batal = berhenti)",
        "Continue? (yes = correct, a number = change that answer, cancel = stop)",
    ),
    "cancelled": ("Dibatalkan; tidak ada yang ditulis.", "Cancelled; nothing was written."),
    "assign_title": ("Siapa diberi tahu, paling lambat kapan", "Who must be told, and by when"),
    "role": ("Peran", "Role"),
    "person": ("Nama", "Name"),
    "channel": ("Saluran", "Channel"),
    "deadline": ("Paling lambat", "Deadline"),
    "task": ("Tugas", "Task"),
    "checklist_title": ("Daftar tindakan", "Action checklist"),
    "action": ("Tindakan", "Action"),
    "owner": ("Penanggung jawab", "Owner"),
    "statements_title": ("Pernyataan yang berlaku", "Statements that apply"),
    "statement": ("Pernyataan", "Statement"),
    "if_asked": ("bila diminta", "if asked"),
    "facts_title": ("Isian pernyataan: {title}", "Statement facts: {title}"),
    "example": ("contoh", "example"),
    "optional": ("boleh kosong", "optional"),
    "review_title": ("Tinjau pernyataan sebelum disimpan", "Review the statement before it is saved"),
    "save_ask": (
        "Simpan pernyataan ini? (ya = simpan, ubah = ubah isian, batal = berhenti)",
        "Save this statement? (yes = save, edit = change a fact, cancel = stop)",
    ),
    "edit_which": (
        "Isian mana yang diubah (nomor atau nama; kosong = kembali)",
        "Which fact to change (number or name; empty = back)",
    ),
    "edit_choices": (
        "pilih nomor 1 sampai {last} atau nama isian",
        "choose a number from 1 to {last} or a fact's name",
    ),
    "save_choices": ("jawab ya, ubah atau batal", "answer yes, edit or cancel"),
    "confirm_choices": (
        "jawab ya, batal, atau nomor jawaban yang diubah (1 sampai {last})",
        "answer yes, cancel, or the number of an answer to change (1 to {last})",
    ),
    "raise_choices": ("pilih salah satu: {levels}", "choose one of: {levels}"),
    "reason_required": ("alasan wajib diisi; dicatat di jurnal", "a reason is required; it goes into the journal"),
    "written": ("Pernyataan ditulis ke {path}", "Statement written to {path}"),
    "replace_ask": ("{path} sudah ada. Timpa?", "{path} already exists. Replace it?"),
    "guideline_edited": (
        "Berkas pedoman insiden ini berubah sejak insiden dibuka: {folder} ({before}, sha256 {before_hash}) kini "
        "{now}, sha256 {now_hash}. Tenggat dan teks pernyataan mengikuti berkas yang sekarang.",
        "The guideline files of this incident changed since it was opened: {folder} ({before}, sha256 "
        "{before_hash}) is now {now}, sha256 {now_hash}. Deadlines and statement texts follow the files as they "
        "are now.",
    ),
    "guideline_other": (
        "Insiden ini dibuka dengan pedoman {folder} ({before}, sha256 {before_hash}); yang diberikan sekarang: "
        "{given} ({now}, sha256 {now_hash}).",
        "This incident was opened with the guideline {folder} ({before}, sha256 {before_hash}); the one given now: "
        "{given} ({now}, sha256 {now_hash}).",
    ),
    "guideline_ask": (
        "Pakai pedoman ini untuk insiden seterusnya?",
        "Use this guideline for the incident from now on?",
    ),
    "guideline_why": ("Alasan pergantian pedoman", "Reason for the change of guideline"),
    "start_ask": (
        "Kapan kejadian ini dimulai atau pertama kali diketahui? Tenggat dihitung dari waktu ini "
        "(mis. tadi 18.15, kemarin 23.50, 10 Maret 18.15; Enter = sekarang)",
        "When did this begin, or first come to light? Deadlines count from it "
        "(e.g. 18:15, yesterday 23:50, 10 March 18:15; Enter = now)",
    ),
    "start_is": ("Mulai: {moment}", "Began: {moment}"),
    "start_future": ("waktu itu belum terjadi", "that time has not come yet"),
    "people_letters": (
        "tulis nama lengkap (huruf), dipisah koma; Enter bila tidak ada",
        "type full names (letters), separated by commas; Enter if there is none",
    ),
    "people_ask": (
        "Nama lengkap orang yang terlibat (korban, terduga, petugas yang bersangkutan), dipisah koma; nama ini "
        "dijaga agar tidak pernah masuk ke pernyataan. Enter bila tidak ada",
        "Full names of the people involved (victims, suspects, staff concerned), separated by commas; they are "
        "kept out of every statement. Enter for none",
    ),
    "people_kept": ("Dijaga dari setiap pernyataan: {count} nama.", "Kept out of every statement: {count} names."),
    "roles_are": (
        "Peran setiap orang menentukan kapan inisialnya boleh dimuat:{roles}",
        "Each person's role decides when their initials may be printed:{roles}",
    ),
    "role_ask": ("Peran {name}", "Role of {name}"),
    "role_choices": (
        "pilih nomor 1 sampai {last} atau id perannya",
        "choose a number from 1 to {last} or the role's id",
    ),
    "next_due": ("Berikutnya", "Next"),
    "due_line": ("{who}: paling lambat {when}", "{who}: by {when}"),
    "interrupted": (
        "Dihentikan. Jawaban sejauh ini disimpan di {path}; lanjutkan dengan --answers {path}",
        "Interrupted. The answers so far are saved in {path}; resume with --answers {path}",
    ),
    "interrupted_nothing": (
        "Dihentikan; belum ada jawaban untuk disimpan.",
        "Interrupted; no answers to save yet.",
    ),
    "interrupted_journal": (
        "Langkah yang sudah dikonfirmasi tercatat di jurnal, insiden {id}; "
        "lanjutkan dengan: pasopati incident resume {id}{flags}",
        "Confirmed steps are in the journal, incident {id}; continue with: pasopati incident resume {id}{flags}",
    ),
    "interrupted_journal_file": (
        "Dihentikan. Langkah yang sudah dikonfirmasi tercatat di jurnal, insiden {id}, dan isian sejauh ini "
        "disimpan di {path}; lanjutkan dengan: pasopati incident resume {id} --answers {path}{flags}",
        "Interrupted. Confirmed steps are in the journal, incident {id}, and the facts so far are saved in "
        "{path}; continue with: pasopati incident resume {id} --answers {path}{flags}",
    ),
    "guard_fix": (
        "Pernyataan ini belum layak dirilis: pilih 'ubah' untuk memperbaiki isian yang ditandai.",
        "This statement is not fit for release: choose 'edit' to fix the flagged facts.",
    ),
    "guard_blocked": (
        "Draf sudah ditulis, tetapi belum layak dirilis: perbaiki masalah di atas (periksa ulang dengan "
        "pasopati check BERKAS).",
        "The draft is written but not fit for release: fix the problems above (check again with pasopati check FILE).",
    ),
    "kept_in_journal": (
        "Yang sudah dikonfirmasi tercatat di jurnal, insiden {id}; "
        "lengkapi dengan: pasopati incident resume {id}{flags}",
        "What was confirmed is in the journal, incident {id}; complete it with: pasopati incident resume {id}{flags}",
    ),
    "recorded": (
        "Tercatat di jurnal: insiden {id}, pernyataan {statement} (draf).",
        "Recorded in the journal: incident {id}, statement {statement} (draft).",
    ),
    "incidents_title": ("Insiden dalam jurnal", "Incidents in the journal"),
    "col_id": ("Id", "Id"),
    "col_fact": ("fakta", "fact"),
    "col_value": ("nilai", "value"),
    "col_since": ("sejak", "since"),
    "col_by": ("oleh", "by"),
    "col_source": ("sumber", "source"),
    "col_unit": ("Satuan kerja", "Unit"),
    "col_type": ("Jenis", "Type"),
    "col_level": ("Tingkat", "Level"),
    "col_start": ("Mulai", "Start"),
    "col_status": ("Status", "Status"),
    "col_item": ("Apa", "What"),
    "open": ("terbuka", "open"),
    "closed": ("ditutup", "closed"),
    "status_title": ("Insiden {id} · {level} · per {now}", "Incident {id} · {level} · as of {now}"),
    "done_at": ("selesai {at}", "done {at}"),
    "done_late": ("selesai {at} (terlambat)", "done {at} (late)"),
    "overdue": ("TERLAMBAT {delay}", "OVERDUE by {delay}"),
    "left": ("sisa {delay}", "{delay} left"),
    "logged": ("Catatan masuk jurnal insiden {id}.", "Note added to incident {id}."),
    "facts_recorded": (
        "Tercatat pukul {at} — insiden {id}: {values}.",
        "Recorded at {at} — incident {id}: {values}.",
    ),
    "facts_derived": ("Dihitung: {values}.", "Computed: {values}."),
    "facts_waiting": (" (menunggu {names})", " (waiting for {names})"),
    "facts_raise": (
        "Fakta ini kini menuntut tingkat {level} ({reasons}). Naikkan dengan: pasopati incident raise {id} {level_id} "
        "--reason TEKS",
        "These facts now require {level} ({reasons}). Raise with: pasopati incident raise {id} {level_id} "
        "--reason TEXT",
    ),
    "facts_open": (
        "Belum pasti, tingkat masih dapat naik bila sudah diketahui: {names}.",
        "Not known well enough yet; the level may still rise once known: {names}.",
    ),
    "facts_none": ("Insiden {id} belum mencatat fakta.", "Incident {id} has no facts recorded yet."),
    "start_corrected": (
        "Waktu mulai insiden {id} dikoreksi: {previous} → {start}. Tenggat dihitung dari waktu ini.",
        "The start of incident {id} is corrected: {previous} → {start}. Deadlines count from it.",
    ),
    "already_notified": (
        "Sudah tercatat sebelumnya: {role} diberi tahu ({channel}) pukul {at} — insiden {id}; tidak dicatat dua kali.",
        "Already recorded: {role} was told ({channel}) at {at} — incident {id}; not recorded twice.",
    ),
    "already_done": (
        "Sudah tercatat sebelumnya: {action} selesai pukul {at} — insiden {id}; tidak dicatat dua kali.",
        "Already recorded: {action} done at {at} — incident {id}; not recorded twice.",
    ),
    "notified": (
        "Tercatat: {role} sudah diberi tahu ({channel}) pukul {at} — insiden {id}.",
        "Recorded: {role} told ({channel}) at {at} — incident {id}.",
    ),
    "off_roster": ("di luar daftar peran", "not on the roster"),
    "told_off_roster": (
        "Diberi tahu di luar daftar peran: {person}, {title} ({channel}) pukul {at}.",
        "Told, not on the roster: {person}, {title} ({channel}) at {at}.",
    ),
    "action_done": (
        "Tercatat selesai pukul {at}: {action} — insiden {id}.",
        "Recorded as done at {at}: {action} — incident {id}.",
    ),
    "level_raised": (
        "Insiden {id}: tingkat dinaikkan dari {old} ke {new} oleh {by}. Alasan: {reason}",
        "Incident {id}: level raised from {old} to {new} by {by}. Reason: {reason}",
    ),
    "closed_now": ("Insiden {id} ditutup.", "Incident {id} closed."),
    "close_outstanding": (
        "Penutupan tidak dapat dibatalkan. {count} hal belum tercatat selesai:",
        "Closing cannot be undone. {count} items were never recorded as done:",
    ),
    "close_ask": ("Tutup juga insiden ini?", "Close the incident anyway?"),
    "closed_outstanding": (
        "Perhatian: ditutup dengan {count} hal yang belum tercatat selesai ({items}); laporan mencatatnya.",
        "Note: closed with {count} items never recorded as done ({items}); the report shows them.",
    ),
    "verified": ("Rantai hash jurnal utuh ({scope}).", "The journal's hash chain is intact ({scope})."),
    "head_found": (
        "Kode verifikasi ada di rantai insiden {id} pada peristiwa #{seq} dari {count}.",
        "The verification code is on incident {id}'s chain at event #{seq} of {count}.",
    ),
    "verification_code": (
        "Kode verifikasi (kepala rantai, peristiwa #{seq}): {code}",
        "Verification code (chain head, event #{seq}): {code}",
    ),
    "drafted": (
        "Draf pernyataan {statement} tercatat untuk insiden {id}.",
        "Draft statement {statement} recorded for incident {id}.",
    ),
    "approved": ("Pernyataan {statement} disetujui oleh {by}.", "Statement {statement} approved by {by}."),
    "released": ("Pernyataan {statement} dirilis.", "Statement {statement} released."),
    "released_override": (
        "Pernyataan {statement} dirilis dengan PENGECUALIAN yang disetujui {by}: {reason}",
        "Statement {statement} released under OVERRIDE approved by {by}: {reason}",
    ),
    "answers_saved": ("Jawaban disimpan di {path}", "Answers saved to {path}"),
    "list_title": (
        "Jenis kejadian dalam pedoman {name} {version}",
        "Incident types in guideline {name} {version}",
    ),
    "id": ("Id", "Id"),
    "title": ("Judul", "Title"),
    "summary": ("Ringkasan", "Summary"),
    "base": ("Tingkat dasar", "Base level"),
    "start": ("Mulai kejadian", "Incident start"),
    # a unit's own guideline (init, validate)
    "guideline_checked": ("Pedoman yang diperiksa: {root}{about}", "Guideline checked: {root}{about}"),
    "guideline_about": (" ({name} {version}{bundled})", " ({name} {version}{bundled})"),
    "guideline_bundled": (", bawaan", ", bundled"),
    "guideline_tested": ("Pedoman yang diuji: {root}{about}", "Guideline tested: {root}{about}"),
    "coverage_columns": (
        "jenis|kelas|jalur|tingkat|render|diperiksa|cabang|cakupan",
        "type|classes|paths|levels|renders|checked|branches|coverage",
    ),
    "coverage_total": ("semua", "all"),
    "init_done": (
        "Pedoman unit dibuat di {root}: {count} berkas dari {name} {version} ({hash}).",
        "A unit guideline was written to {root}: {count} files from {name} {version} ({hash}).",
    ),
    "init_fill": ("Isi penanda [[ISI: ...]] di: {files}", "Fill in the [[ISI: ...]] placeholders in: {files}"),
    # media monitoring (monitor poll, watch, list, show)
    "issue_columns": ("isu judul media relevan jenis sentimen status", "issue title outlets relevant type tone status"),
    "per_hour": ("j", "h"),
    "no_issues": ("Tidak ada isu.", "No issues."),
    "sources_title": ("Sumber", "Sources"),
    "source_columns": ("sumber status baru keterangan", "source status new note"),
    "relevant_issues": ("Isu relevan", "Relevant issues"),
    "no_new_issues": ("Tidak ada isu relevan yang baru.", "No new relevant issues."),
    "new_issues": ("Isu relevan baru", "New relevant issues"),
    "polling": ("Mengambil sumber...", "Polling sources..."),
    "polled": (
        "Pengambilan ke-{n} pukul {at}: {answered}/{total} sumber menjawab, {new} berita baru.",
        "Poll {n} at {at}: {answered}/{total} sources answered, {new} new stories.",
    ),
    "issue_fields": (
        "status relevan jenis sentimen media pertama terakhir",
        "status relevant type tone outlets first last",
    ),
    "answered_by": ("dijawab oleh insiden", "answered by incident"),
    "no_incidents": (
        "Belum ada insiden nyata di jurnal ini. Insiden latihan: pasopati incident list --latihan",
        "No real incident in this journal yet. Drills: pasopati incident list --latihan",
    ),
    "no_drills": ("Belum ada insiden latihan di jurnal ini.", "No drill in this journal yet."),
    "issue_answered": ("M{issue}: ditanggapi oleh insiden {id}", "M{issue}: answered by incident {id}"),
    "reason_label": ("alasan", "reason"),
    "init_next": (
        "Lalu periksa: cd {root} && pasopati validate . unit/unit.yaml",
        "Then check it: cd {root} && pasopati validate . unit/unit.yaml",
    ),
    "upgrade_current": (
        "Pedoman di {root} sudah berdasar {name} {version}; tidak ada yang diubah.",
        "The guideline in {root} already stands on {name} {version}; nothing changed.",
    ),
    "upgrade_done": (
        "Pedoman di {root} dinaikkan dari {old} ke {name} {version}: {count} berkas berubah, {conflicts} konflik.",
        "The guideline in {root} was upgraded from {old} to {name} {version}: files changed {count}, "
        "conflicts {conflicts}.",
    ),
    "upgrade_dry": ("Uji coba (--dry-run): tidak ada berkas yang ditulis.", "Dry run: no file was written."),
    "upgrade_resolve": (
        "Selesaikan setiap konflik di antara penanda <<<<<<< dan >>>>>>>, lalu periksa: pasopati validate {root}",
        "Resolve each conflict between the <<<<<<< and >>>>>>> markers, then check: pasopati validate {root}",
    ),
    "upgrade_updated": ("diperbarui", "updated"),
    "upgrade_added": ("ditambahkan", "added"),
    "upgrade_deleted": ("dihapus", "deleted"),
    "upgrade_merged": ("digabung", "merged"),
    "upgrade_conflict": ("KONFLIK", "CONFLICT"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`. A value that ends a sentence with its own period ("Hendra Wijaya,
    S.H., M.H.") does not get a second one."""
    id_text, en_text = _TEXT[key]
    text = (en_text if lang == "en" else id_text).format(**values)
    for value in values.values():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace(f"{value}.", value)
    return text


CHANNELS: dict[str, tuple[str, str]] = {
    "telepon": ("telepon", "phone"),
    "whatsapp": ("WhatsApp", "WhatsApp"),
    "sms": ("SMS", "SMS"),
    "email": ("surel", "email"),
    "radio": ("radio", "radio"),
    "langsung": ("langsung", "in person"),
    "surat": ("surat", "letter"),
    "aplikasi": ("aplikasi", "app"),
}


# What officers type for a channel besides its words: a handheld radio is "HT", WhatsApp is "WA".
CHANNEL_ALIASES: dict[str, str] = {
    "ht": "radio", "handy talky": "radio", "wa": "whatsapp", "wa call": "whatsapp", "telpon": "telepon",
    "telp": "telepon", "tlp": "telepon", "hp": "telepon", "call": "telepon", "e-mail": "email", "mail": "email",
    "tatap muka": "langsung", "lisan": "langsung", "face to face": "langsung",
}  # fmt: skip


def channel_id(typed: str) -> str | None:
    """The channel an officer named, by id, by its word in either language ("phone", "surel") or by the
    word officers use for it ("HT", "WA", "telpon"), in any case."""
    wanted = " ".join(typed.strip().lower().replace(".", "").split())
    if wanted in CHANNEL_ALIASES:
        return CHANNEL_ALIASES[wanted]
    return next((key for key, words in CHANNELS.items() if wanted in (key, *(w.lower() for w in words))), None)


def channel(name: str, lang: Lang) -> str:
    id_text, en_text = CHANNELS.get(name, (name, name))
    return en_text if lang == "en" else id_text
