"""Region Sjælland's hospital sites, the internal-medicine specialties and the professions.

Sources: the guide "BASS kort fortalt" and the programme's "Strategisk ambition"; the latter says IM: Hæmatologi and
IM: Infektionsmedicin exist only at SUH Køge, so those two get that site as both presence
and strength position; where the other specialties are present is for the secretariat to
record in the admin (the demo region fills it in).
"""

from django.db import migrations

SITES = [
    # (name, short name, hospital, acute hospital)
    ("Sjællands Universitetshospital, Køge", "SUH Køge", "Sjællands Universitetshospital", True),
    ("Sjællands Universitetshospital, Roskilde", "SUH Roskilde", "Sjællands Universitetshospital", False),
    ("Holbæk Sygehus", "Holbæk", "Holbæk Sygehus", True),
    ("Nykøbing Falster Sygehus", "Nykøbing F.", "Sjællands Universitetshospital", True),
    ("Næstved Sygehus", "Næstved", "Næstved, Slagelse og Ringsted Sygehuse", False),
    ("Slagelse Sygehus", "Slagelse", "Næstved, Slagelse og Ringsted Sygehuse", True),
]

SPECIALTIES = [
    ("IM: Endokrinologi", "im-endokrinologi"),
    ("IM: Gastroenterologi og hepatologi", "im-gastroenterologi-og-hepatologi"),
    ("IM: Geriatri", "im-geriatri"),
    ("IM: Hæmatologi", "im-haematologi"),
    ("IM: Infektionsmedicin", "im-infektionsmedicin"),
    ("IM: Kardiologi", "im-kardiologi"),
    ("IM: Lungesygdomme", "im-lungesygdomme"),
    ("IM: Nefrologi", "im-nefrologi"),
    ("IM: Reumatologi", "im-reumatologi"),
]
ONLY_AT_SUH_KOEGE = ["im-haematologi", "im-infektionsmedicin"]

PROFESSIONS = [
    # (name, clinical)
    ("Læge", True),
    ("Sygeplejerske", True),
    ("Fysioterapeut", True),
    ("Ergoterapeut", True),
    ("Bioanalytiker", True),
    ("Klinisk diætist", True),
    ("Sekretær", False),
    ("Konsulent (fx Koncern Digitalisering)", False),
]


def load(apps, schema_editor):
    Site = apps.get_model("specialties", "Site")
    Specialty = apps.get_model("specialties", "Specialty")
    Profession = apps.get_model("specialties", "Profession")
    for order, (name, short_name, hospital, acute) in enumerate(SITES, start=1):
        Site.objects.update_or_create(
            short_name=short_name,
            defaults={"name": name, "hospital": hospital, "is_acute_hospital": acute, "order": order},
        )
    for name, slug in SPECIALTIES:
        Specialty.objects.update_or_create(slug=slug, defaults={"name": name})
    koege = Site.objects.get(short_name="SUH Køge")
    for specialty in Specialty.objects.filter(slug__in=ONLY_AT_SUH_KOEGE):
        specialty.sites.add(koege)
        specialty.strength_position_sites.add(koege)
    for order, (name, clinical) in enumerate(PROFESSIONS, start=1):
        Profession.objects.update_or_create(
            name=name, defaults={"is_clinical": clinical, "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("specialties", "Specialty").objects.filter(
        slug__in=[slug for _, slug in SPECIALTIES]
    ).delete()
    apps.get_model("specialties", "Site").objects.filter(
        short_name__in=[s[1] for s in SITES]
    ).delete()
    apps.get_model("specialties", "Profession").objects.filter(
        name__in=[p[0] for p in PROFESSIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("specialties", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
