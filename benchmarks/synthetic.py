"""A synthetic guideline folder for the validation benchmark: the real guideline, the real kerusuhan
templates and partials, and N generated crisis types of about 6 KB each.

    python benchmarks/synthetic.py [--count 1000] [--dest benchmarks/_work/synthetic]

Every generated file is a realistic playbook: 8 triage questions of mixed types (yes/no, number with
thresholds, choice with per-option floors) with `when` conditions on earlier answers, partner roles
called in by level or by answer, actions with owners and deadlines, statements that use the existing
kerusuhan templates, two audiences of key messages, and do/don't lists. Content is drawn from fixed
pools with a seeded random generator, so the same count always gives the same bytes.
The folder must validate with zero problems: `pasopati validate benchmarks/_work/synthetic`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "_work"
DEFAULT_DEST = WORK / "synthetic"
TEMPLATE_FOLDERS = ("kerusuhan", "_partials")  # the statements below use kerusuhan/*, which include _partials/*

# Partner roles whose `notify` covers all three levels, so an activation needs no `deadline`.
PARTNERS = [
    "polres", "kodim", "damkar", "bnn", "dinkes", "rsud", "bpbd",
    "ombudsman", "komnas_ham", "kejaksaan", "keluarga", "kemkomdigi", "forkopimda",
]  # fmt: skip
OWNERS = ["kalapas", "kplp", "humas"]
LEVELS_ABOVE_BASE = ["siaga", "darurat"]
DURATIONS = ["0m", "15m", "30m", "45m", "60m", "90m", "2h", "3h", "4h", "6h", "12h", "24h"]
STATEMENTS = [  # kind, levels, due (None: no deadline)
    ("media_sosial", ["siaga", "darurat"], {"siaga": "2h", "darurat": "60m"}),
    ("update", ["siaga", "darurat"], {"siaga": "5h", "darurat": "3h"}),
    ("siaran_pers", ["siaga", "darurat"], {"siaga": "6h", "darurat": "4h"}),
    ("laporan_internal", ["waspada", "siaga", "darurat"], {"waspada": "24h", "siaga": "12h", "darurat": "6h"}),
    ("hak_jawab", ["waspada", "siaga", "darurat"], None),
    ("closing", ["waspada", "siaga", "darurat"], None),
    ("tanya_jawab", ["waspada", "siaga", "darurat"], None),  # every kerusuhan template is used (else P121)
]

THEMES = [
    ("kebakaran", "Kebakaran di area hunian", "Fire in a housing area", "api", "fire"),
    ("pelarian", "Penghuni melarikan diri", "Inmates escaping", "pelarian", "escape"),
    ("keracunan", "Keracunan makanan massal", "Mass food poisoning", "keracunan", "poisoning"),
    ("listrik", "Gangguan listrik dan air berkepanjangan", "Long power and water outage", "pemadaman", "outage"),
    ("unjuk_rasa", "Unjuk rasa keluarga di depan lapas", "Families protesting at the gate", "unjuk rasa", "protest"),
    ("wabah", "Wabah penyakit menular", "Outbreak of a contagious disease", "wabah", "outbreak"),
    ("narkoba", "Peredaran narkoba terungkap", "Drug trafficking uncovered", "narkoba", "drugs"),
    ("banjir", "Banjir merendam lapas", "Flood inside the prison", "banjir", "flood"),
    ("gempa", "Gempa bumi merusak bangunan", "Earthquake damages buildings", "gempa", "earthquake"),
    ("pungli", "Dugaan pungutan liar viral", "Viral extortion allegation", "pungli", "extortion"),
]
PLACES = [
    ("salah satu blok hunian", "one of the residential blocks"),
    ("area dapur", "the kitchen area"),
    ("ruang kunjungan", "the visiting room"),
    ("area bengkel kerja", "the workshop area"),
    ("klinik unit", "the unit's clinic"),
    ("halaman depan", "the front yard"),
]
AUDIENCES = [
    ("Keluarga warga binaan", "Families of inmates", "Apakah anggota keluarga saya selamat?", "Is my relative safe?"),
    ("Masyarakat sekitar", "Local residents", "Apakah lingkungan kami aman?", "Is our neighbourhood safe?"),
    ("Media", "The media", "Apa yang terjadi dan apa penyebabnya?", "What happened and why?"),
    ("Petugas", "Staff", "Apa yang harus saya lakukan sekarang?", "What should I do now?"),
]
MESSAGES = [
    ("Keselamatan warga binaan dan petugas adalah prioritas kami; korban sudah mendapat penanganan medis.",
     "The safety of inmates and staff comes first; casualties are receiving medical care."),
    ("Kami sampaikan fakta yang sudah dipastikan; penyebab masih didalami bersama mitra dan akan diumumkan.",
     "We share confirmed facts; the cause is being established with our partners and will be announced."),
    ("Keluarga bisa mendapat kabar melalui posko informasi dan nomor resmi unit.",
     "Families can get news through the information desk and the unit's official number."),
    ("Perimeter dijaga bersama kepolisian dan situasi di luar tembok terpantau.",
     "The perimeter is guarded with the police and the area outside the walls is watched."),
    ("Langkah pemulihan sudah berjalan; pembaruan berikutnya kami sampaikan sesuai jadwal.",
     "Recovery is under way; the next update comes on the announced schedule."),
]  # fmt: skip
FACTS = [
    ("Setiap korban dirujuk ke klinik atau RSUD.", "Every casualty is referred to the clinic or the hospital."),
    ("Kunjungan ditiadakan sementara demi keselamatan.", "Visits are suspended for now for everyone's safety."),
    ("Satu juru bicara menjawab semua pertanyaan.", "One spokesperson answers all questions."),
    ("Penghitungan penghuni dilakukan per blok.", "Inmates are counted block by block."),
    ("Rekaman dan barang bukti diamankan.", "Recordings and evidence are secured."),
]
DOS = [
    ("Keluarkan pernyataan awal secepatnya.", "Issue the holding statement quickly."),
    ("Sampaikan hanya fakta yang sudah dipastikan.", "Share only confirmed facts."),
    ("Tunjukkan kepedulian kepada korban dan keluarga.", "Show care for casualties and families."),
    ("Selaraskan pernyataan dengan Polres dan Kanwil.", "Align statements with the police and the regional office."),
    ("Sebut waktu pembaruan berikutnya dan tepati.", "Name the time of the next update and keep to it."),
    ("Catat setiap pesan dan langkah beserta waktunya.", "Log every message and action with its time."),
]
DONTS = [
    ("Jangan berspekulasi tentang penyebab atau jumlah korban.", "Do not speculate about the cause or casualties."),
    ("Jangan sebut nama korban sebelum keluarganya diberi tahu.", "Do not name casualties before families are told."),
    ("Jangan ungkap rincian luka atau kondisi kesehatan.", "Do not reveal injuries or health conditions."),
    ("Jangan ungkap tata letak, pos jaga atau rekaman CCTV.", "Do not reveal layout, guard posts or CCTV footage."),
    ("Jangan menyalahkan petugas, penghuni atau pihak lain.", "Do not blame staff, inmates or anyone else."),
    ("Jangan menjawab \"tidak ada komentar\".", "Do not answer \"no comment\"."),
]  # fmt: skip
TASKS = [
    ("Amankan perimeter luar.", "Secure the outer perimeter."),
    ("Kirim tim atas permintaan Kalapas.", "Send a team when asked."),
    ("Rawat korban yang dirujuk.", "Treat the casualties referred."),
    ("Beri informasi kepada warga.", "Inform local residents."),
    ("Pantau sesuai ketentuan.", "Monitor as the rules allow."),
]
ACTIONS = [
    ("amankan_perimeter", "Tutup pintu utama dan amankan perimeter.", "Close the main gate and secure the perimeter."),
    ("tetapkan_juru_bicara", "Tetapkan satu juru bicara (Humas).", "Designate one spokesperson (Humas)."),
    ("hitung_penghuni", "Hitung penghuni per blok dan cocokkan dengan register.", "Count inmates block by block."),
    ("amankan_bukti", "Amankan rekaman CCTV dan barang bukti.", "Secure CCTV recordings and evidence."),
    ("pantau_media", "Pantau media daring dan media sosial.", "Monitor online news and social media."),
    ("siapkan_posko", "Buka posko informasi keluarga.", "Open a family information desk."),
]  # fmt: skip


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def t(id_text: str, en_text: str) -> str:
    return f"{{id: {q(id_text)}, en: {q(en_text)}}}"


def floor(level: str, id_text: str, en_text: str) -> str:
    return f"{{level: {level}, reason: {t(id_text, en_text)}}}"


def crisis_type(number: int) -> str:
    rnd = random.Random(number)
    key, title_id, title_en, word_id, word_en = THEMES[number % len(THEMES)]
    place_id, place_en = rnd.choice(PLACES)
    type_id = f"sintetis_{number:04d}"
    hurt, count, dead, control, extra, missing, cause, media = (
        "ada_korban_luka",
        "jumlah_korban_luka",
        "ada_korban_meninggal",
        f"kendali_{key}",
        f"ada_{key}_lanjutan",
        f"jumlah_{key}_hilang",
        f"pemicu_{key}",
        "liputan_media",
    )
    mass = rnd.choice([5, 8, 10, 12, 20])
    many = rnd.choice([3, 5, 10])
    lines = [
        "# yaml-language-server: $schema=../schema/crisis-type.schema.json",
        f"# Synthetic crisis type {number} for benchmarks/bench_validate.py; generated, do not edit.",
        "kind: crisis-type",
        f"id: {type_id}",
        f"title: {t(f'{title_id} ({number})', f'{title_en} ({number})')}",
        "summary:",
        f"  id: {q(f'{title_id} di {place_id}; petugas menangani bersama mitra.')}",
        f"  en: {q(f'{title_en} in {place_en}; staff respond with partners.')}",
        f"keywords: [{key}, {q(word_id)}, {q(word_en)}, sintetis, {type_id}]",
        "base_level: waspada",
        "",
        "triage:",
        "  questions:",
        f"    - id: {hurt}",
        "      type: yes_no",
        f"      text: {t('Apakah ada orang yang terluka?', 'Is anyone injured?')}",
        f"      help: {t('Hitung semua yang perlu penanganan medis.', 'Count everyone who needs medical care.')}",
        f"      raises_to: {floor('siaga', 'ada korban luka', 'people are injured')}",
        f"    - id: {count}",
        "      type: number",
        f"      when: [{{question: {hurt}, equals: true}}]",
        f"      text: {t('Berapa orang yang terluka?', 'How many are injured?')}",
        "      min: 1",
        "      thresholds:",
        f"        - at_least: {mass}",
        f"          raises_to: {floor('darurat', 'korban luka massal', 'mass casualties')}",
        f"    - id: {dead}",
        "      type: yes_no",
        f"      text: {t('Apakah ada yang meninggal?', 'Has anyone died?')}",
        f"      raises_to: {floor('darurat', 'ada korban jiwa', 'there are deaths')}",
        f"    - id: {control}",
        "      type: choice",
        f"      text: {t(f'Kendali petugas atas {place_id}?', f'Staff control over {place_en}?')}",
        "      default: terkendali",
        "      options:",
        f"        - {{id: terkendali, label: {t('Terkendali', 'In control')}}}",
        "        - id: sebagian",
        f"          label: {t('Sebagian', 'Partly')}",
        f"          raises_to: {floor('siaga', 'belum terkendali', 'not under control')}",
        "        - id: hilang",
        f"          label: {t('Hilang', 'Lost')}",
        f"          raises_to: {floor('darurat', 'kendali hilang', 'control lost')}",
        f"    - id: {extra}",
        "      type: yes_no",
        f"      when: {{question: {control}, in: [sebagian, hilang]}}",
        f"      text: {t(f'Apakah {word_id} meluas?', f'Has the {word_en} spread?')}",
        f"      default: {rnd.choice(['false', 'true'])}",
        f"      raises_to: {floor(rnd.choice(LEVELS_ABOVE_BASE), f'{word_id} meluas', f'the {word_en} spread')}",
        f"    - id: {missing}",
        "      type: number",
        f"      text: {t('Berapa penghuni belum ditemukan?', 'How many inmates are missing?')}",
        "      default: 0",
        f"      max: {rnd.choice([500, 1000, 2000])}",
        "      thresholds:",
        f"        - {{at_least: 1, raises_to: {floor('siaga', 'ada yang hilang', 'inmates missing')}}}",
        f"        - {{at_least: {many}, raises_to: {floor('darurat', 'banyak hilang', 'many missing')}}}",
        f"    - id: {cause}",
        "      type: choice",
        f"      text: {t('Apa pemicunya?', 'What triggered it?')}",
        "      default: belum_diketahui",
        "      options:",
    ]  # fmt: skip
    causes = rnd.sample(["listrik_air", "razia", "perselisihan", "keluhan_layanan", "cuaca", "kerusakan"], 3)
    for cause_id in [*causes, "belum_diketahui"]:
        lines += [f"        - {{id: {cause_id}, label: {t(cause_id.replace('_', ' '), cause_id.replace('_', ' '))}}}"]
    lines += [
        f"    - id: {media}",
        "      type: choice",
        f"      when: [{{question: {dead}, equals: false}}, {{question: {missing}, at_most: 100}}]",
        f"      text: {t('Sudah diberitakan?', 'Covered by the media?')}",
        "      default: belum_ada",
        "      options:",
        f"        - {{id: belum_ada, label: {t('Belum', 'Not yet')}}}",
        "        - id: lokal",
        f"          label: {t('Media lokal', 'Local media')}",
        f"          raises_to: {floor('siaga', 'media lokal', 'local media')}",
        "        - id: nasional_viral",
        f"          label: {t('Nasional atau viral', 'National or viral')}",
        f"          raises_to: {floor('darurat', 'viral', 'viral')}",
        "",
        "roles:",
    ]  # fmt: skip
    triggers = [
        f"when: [{{question: {hurt}, equals: true}}]",
        f"when: [{{question: {count}, at_least: {mass}}}]",
        f"when: {{question: {missing}, at_least: 1}}",
        f"when: [{{question: {media}, equals: nasional_viral}}]",
        f"when: [{{question: {cause}, in: [{causes[0]}, {causes[1]}]}}]",
        "min_level: siaga",
        "min_level: darurat",
    ]
    for role in rnd.sample(PARTNERS, 3):
        lines += [f"  - role: {role}", f"    {rnd.choice(triggers)}", f"    task: {t(*rnd.choice(TASKS))}"]
    lines += ["", "actions:"]
    # kabari_keluarga: the guideline's release_requires names it, so some crisis type must define it.
    family = ("kabari_keluarga", "Beri tahu keluarga korban secara langsung.", "Tell families in person.")
    actions = [*rnd.sample(ACTIONS, 2), family]
    for action_id, text_id, text_en in actions:
        lines += [f"  - id: {action_id}"]
        if action_id == "kabari_keluarga":
            lines += [f"    when: [{{question: {dead}, equals: true}}]"]
        elif rnd.random() < 0.4:
            lines += [f"    {rnd.choice(triggers)}"]
        lines += [
            f"    text: {t(text_id, text_en)}",
            f"    owner: {rnd.choice(OWNERS)}",
            f"    due: {rnd.choice(DURATIONS)}",
        ]
    lines += [
        "",
        "statements:",
        "  - kind: holding",
        "    levels: [waspada, siaga, darurat]",
        '    template: {id: "kerusuhan/holding.id.md", en: "kerusuhan/holding.en.md"}',
        "    due: {siaga: 2h, darurat: 60m}",
    ]
    for kind, levels, due in rnd.sample(STATEMENTS, 1):
        lines += [
            f"  - kind: {kind}",
            f"    levels: [{', '.join(levels)}]",
            f'    template: {{id: "kerusuhan/{kind}.id.md", en: "kerusuhan/{kind}.en.md"}}',
        ]
        if due:
            lines += [f"    due: {{{', '.join(f'{k}: {v}' for k, v in due.items())}}}"]
    lines += ["", "key_messages:"]
    for aud_id, aud_en, question_id, question_en in rnd.sample(AUDIENCES, 1):
        lines += [f"  - audience: {t(aud_id, aud_en)}", f"    question: {t(question_id, question_en)}", "    messages:"]
        for index, (text_id, text_en) in enumerate(rnd.sample(MESSAGES, 2)):
            lines += ["      - text:", f"          id: {q(text_id)}", f"          en: {q(text_en)}"]
            if index == 0:
                lines += ["        facts:", f"          - {t(*rnd.choice(FACTS))}"]
    lines += ["", "do:"] + [f"  - {t(*item)}" for item in rnd.sample(DOS, 2)]
    lines += ["dont:"] + [f"  - {t(*item)}" for item in rnd.sample(DONTS, 2)]
    lines += ["", "sources:", f'  - "Synthetic playbook {number}, modelled on playbooks/kerusuhan.yaml"', ""]
    return "\n".join(lines)


def build(count: int = 1000, dest: Path = DEFAULT_DEST) -> list[Path]:
    """(Re)create the folder; returns the crisis-type files, sorted."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "playbooks").mkdir(parents=True)
    shutil.copy2(REPO / "playbooks" / "guideline.yaml", dest / "playbooks" / "guideline.yaml")
    for folder in TEMPLATE_FOLDERS:
        shutil.copytree(REPO / "templates" / folder, dest / "templates" / folder)
    files = []
    for number in range(1, count + 1):
        path = dest / "playbooks" / f"sintetis_{number:04d}.yaml"
        path.write_text(crisis_type(number), encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args()
    files = build(args.count, args.dest)
    sizes = [path.stat().st_size for path in files]
    print(f"{len(files)} crisis types in {args.dest}, {sum(sizes) / len(sizes) / 1024:.1f} KiB on average")


if __name__ == "__main__":
    main()
