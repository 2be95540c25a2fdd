"""The three sustainability perspectives as the mini-guide "Bæredygtighed" (the guide "Bæredygtighed") has them.

The texts are the guide's own; the secretariat edits them in the admin afterwards.
"""

from django.db import migrations

PERSPECTIVES = [
    {
        "code": "faglig",
        "name": "Faglig bæredygtighed",
        "summary": (
            "Sikre ensartet og effektiv behandling gennem stærke faglige miljøer, fælles "
            "retningslinjer samt fokus på forskning og uddannelse."
        ),
        "description": (
            "Faglig bæredygtighed handler om at sikre høj kvalitet i den medicinske behandling "
            "på tværs af akutsygehuse i Region Sjælland. Det kræver en fælles tilgang til "
            "visitering, behandling, udvikling og organisering af faglige miljøer, så "
            "behandlingen af patienterne bliver både ensartet og effektiv."
        ),
        "purpose": (
            "Faglig bæredygtighed retter fokus på det faglige indhold og kvaliteten i arbejdet. "
            "Her er omdrejningspunktet de kliniske og faglige ambitioner, herunder faglige "
            "kompetencer, forskning, uddannelse, indholdet af kliniske retningslinjer, "
            "behandling der tilbydes m.fl."
        ),
        "why": (
            "Faglig bæredygtighed skal bidrage til at sikre stærke faglige miljøer og en høj "
            "faglig standard i Region Sjælland. Faglig bæredygtighed handler både om et stærkt "
            "fagligt miljø, men skal også bidrage til faglig sikkerhed, ensartet behandling og "
            "sammenhængskraft på tværs af faggrupper og specialer."
        ),
        "reflection_question": "Hvordan ser problemet ud fra et fagligt perspektiv?",
        "focus_areas": [
            "Ensartede behandlingstilbud af høj kvalitet – ensartet ‘værdikæde’",
            "Uddannelsesmuligheder",
            "Gode forskningsmuligheder",
            "Stærke faglige fællesskaber",
            "Stærke tværfaglige miljøer",
            "Fagligt kompetent personale",
            "Reducere ventelister og sikre patientrettigheder",
        ],
        "examples": [
            "Retningslinjer med højt fagligt indhold",
            "Strategisk og opgaverettet efteruddannelse af personalet",
            "Faglig sparring på tværs af specialer og faggrupper",
            "Behovsbestemt og differentierede behandlingstilbud",
            "Regional bagvagt og behandling på distancen",
            "Styrket og harmoniseret visitering i specialet",
        ],
    },
    {
        "code": "personalemaessig",
        "name": "Personalemæssig bæredygtighed",
        "summary": (
            "Skabe stabile arbejdsforhold, trivsel og fleksible løsninger for at tiltrække og "
            "fastholde medarbejdere."
        ),
        "description": (
            "Personalemæssig bæredygtighed handler om at skabe gode og stabile arbejdsforhold, "
            "så styrkepositionerne i Region Sjælland kan tiltrække, udvikle og fastholde dygtige "
            "medarbejdere. Det kræver fokus på trivsel, fleksibilitet og mulighed for faglig "
            "udvikling."
        ),
        "purpose": (
            "Personalemæssig bæredygtighed skal støtte op om en balanceret arbejdsplads. Her er "
            "det den personalemæssige trivsel og kapacitet, der er omdrejningspunktet. Ved at "
            "prioritere medarbejdernes trivsel og ressourcer kan vi skabe en stærk og robust "
            "medarbejderstab, som bidrager aktivt til at løfte behandlingen i Region Sjælland."
        ),
        "why": (
            "Personalerekruttering er en udfordring i Region Sjælland, særligt ift. læger på de "
            "mindre sygehuse i den vestlige og sydlige del af regionen. Derfor er det vigtigt at "
            "skabe et miljø, der sikrer høj personaletrivsel og gode rammer for fleksible "
            "løsninger. Derudover skal der skabes strukturer der sikrer, at kompetencer og "
            "ressourcer bruges klogt på både kort og lang sigt."
        ),
        "reflection_question": "Hvordan ser problemet ud fra et personaleperspektiv?",
        "focus_areas": [
            "Personaletrivsel",
            "Personalenormeringer",
            "Robust personaledækning på tværs af professioner",
            "Rekruttering og fastholdelse",
            "Fleksibilitet",
            "Ensartede arbejdsforhold",
        ],
        "examples": [
            "Trivselsindsatser",
            "Medledelse",
            "Systematisk onboarding",
            "Seniorordninger",
            "Fleksibilitet ift. arbejdsplanlægning og opgaveindhold",
            "Strategiske rekrutteringsindsatser",
            "Arbejdsmiljøindsatser ifm. forandringsprocesser",
        ],
    },
    {
        "code": "organisatorisk",
        "name": "Organisatorisk bæredygtighed",
        "summary": (
            "Sikre sammenhæng mellem specialer og akutsygehuse gennem robuste strukturer, der "
            "fremmer lige adgang til sundhed og optimal ressourceudnyttelse."
        ),
        "description": (
            "Organisatorisk bæredygtighed handler om at skabe sammenhæng mellem specialerne og "
            "akutsygehusene, så økonomi, ressourcer og kompetencer udnyttes bedst muligt. Det "
            "betyder, at arbejdet skal organiseres, så både patienter og medarbejdere oplever et "
            "sundhedsvæsen, der fungerer smidigt og bæredygtigt."
        ),
        "purpose": (
            "Organisatorisk bæredygtighed retter fokus på de organisatoriske strukturer, "
            "ledelsesbeslutninger, økonomi, strukturelle beslutninger om løn under transport, "
            "arbejdstider osv. Der er også her fokus på elementer som visitationer og "
            "retningslinjer men ikke selve det kliniske indhold. Der er i højere grad fokus på "
            "hvordan de forskellige retningslinjer kan understøtte hinanden og den "
            "organisatoriske udvikling."
        ),
        "why": (
            "Region Sjælland har et bredt optageområde med komplekse patientforløb. Derfor er det "
            "afgørende at finde robuste strukturer, der skaber sammenhængskraft og sikrer lige "
            "adgang til sundhed for alle på tværs af bygrænser."
        ),
        "reflection_question": "Hvordan ser problemet ud fra et organisatorisk perspektiv?",
        "focus_areas": [
            "Fælles populationsansvar",
            "Klar fordeling af ansvarsområder",
            "Sammenhæng mellem specialer og akuthospital",
            "Distribuering af viden",
            "Ressourcemobilisering",
            "Kapacitetsoverblik",
            "Behandlingsbredde",
            "Balance mellem specialiseret vs. bred viden og speciale vs. sygehus",
        ],
        "examples": [
            "Retningslinjer for visitering",
            "Organisering af udekørende funktion",
            "Organisering af personalekapacitet",
            "Vagtdækning ved brede medicinske kompetencer",
            "Økonomisk kapacitet",
        ],
    },
]


def load(apps, schema_editor):
    Perspective = apps.get_model("sustainability", "Perspective")
    FocusArea = apps.get_model("sustainability", "FocusArea")
    PerspectiveExample = apps.get_model("sustainability", "PerspectiveExample")
    for order, data in enumerate(PERSPECTIVES, start=1):
        fields = {k: v for k, v in data.items() if k not in ("code", "focus_areas", "examples")}
        perspective, _ = Perspective.objects.update_or_create(
            code=data["code"], defaults={**fields, "order": order}
        )
        for i, name in enumerate(data["focus_areas"], start=1):
            FocusArea.objects.update_or_create(
                perspective=perspective, name=name, defaults={"order": i}
            )
        for i, text in enumerate(data["examples"], start=1):
            PerspectiveExample.objects.update_or_create(
                perspective=perspective, text=text, defaults={"order": i}
            )


def unload(apps, schema_editor):
    Perspective = apps.get_model("sustainability", "Perspective")
    FocusArea = apps.get_model("sustainability", "FocusArea")
    codes = [p["code"] for p in PERSPECTIVES]
    FocusArea.objects.filter(perspective__code__in=codes).delete()
    Perspective.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("sustainability", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
