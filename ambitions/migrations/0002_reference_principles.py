"""The three BASS principles with the descriptions of the guide "Hvad er en faglig ambition?".

The seed is OCR'd; the letters æ, ø and å are restored here.
"""

from django.db import migrations

PRINCIPLES = [
    {
        "code": "naerhed",
        "name": "Nærhed",
        "description": (
            "Indsatser tilrettelægges, så behandling og opgaveløsning sker så tæt på patienten "
            "som muligt – uden at gå på kompromis med kvaliteten. Det handler om at styrke "
            "lokale funktioner, sikre kompetencer tæt på borgerne og skabe sammenhæng i "
            "patientforløb, så alle oplever nærhed og lige adgang til sundhed."
        ),
        "in_professional_ambition": (
            "Indsatserne skal understøtte, at behandling og opgaveløsning sker så tæt på "
            "patienten som muligt. Det kan fx være ved at styrke lokale funktioner, sikre "
            "kompetencer tæt på borgeren eller skabe bedre sammenhæng i patientforløbene."
        ),
    },
    {
        "code": "populationsansvar",
        "name": "Populationsansvar",
        "description": (
            "Specialerne tager fælles ansvar for hele regionens befolkning – ikke kun for de "
            "patienter, der er tilknyttet det enkelte sygehus. Sundhedstilbud og ressourcer "
            "organiseres på tværs af akutsygehusene, så alle borgere får adgang til den rette "
            "behandling, uanset hvor de bor. Lighed i sundhed er et centralt mål."
        ),
        "in_professional_ambition": (
            "Indsatserne skal sikre lighed i sundhedstilbud og kvalitet på tværs af matrikler "
            "og patientgrupper. Det betyder, at løsninger skal tage højde for hele populationen "
            "– ikke kun lokale behov – og bidrage til sammenhæng og ensartethed i tilbuddene."
        ),
    },
    {
        "code": "styrkepositioner",
        "name": "Styrkepositioner",
        "description": (
            "Faglige ressourcer og kompetencer samles strategisk for at opbygge stærke faglige "
            "miljøer og sikre høj kvalitet i specialet. Samtidig er det vigtigt, at både "
            "behandling og viden bringes tæt på patienten, så alle får gavn af specialets "
            "styrker – og at kvaliteten er ens for alle."
        ),
        "in_professional_ambition": (
            "Den faglige ambition skal bidrage til at samle og udvikle stærke faglige miljøer, "
            "hvor det giver mening organisatorisk og geografisk. Indsatser skal understøtte "
            "robuste enheder, der kan løfte komplekse opgaver og fungere som faglige fyrtårne i "
            "specialet."
        ),
    },
]


def load(apps, schema_editor):
    Principle = apps.get_model("ambitions", "Principle")
    for order, data in enumerate(PRINCIPLES, start=1):
        Principle.objects.update_or_create(
            code=data["code"],
            defaults={k: v for k, v in data.items() if k != "code"} | {"order": order},
        )


def unload(apps, schema_editor):
    apps.get_model("ambitions", "Principle").objects.filter(
        code__in=[p["code"] for p in PRINCIPLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("ambitions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
