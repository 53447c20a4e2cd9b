"""Mask personal numbers in the public copies of reports written before masking existed.

Residents' phone, ID-card and bank-card numbers were stored in full in the search index (title, text and
terms) and in the alt text of report photos (made from the title). This rewrites those copies masked, so
searching by such a number finds nothing from the moment the migration has run. The reports themselves
keep what residents wrote (staff see it in the admin). Terms are recomputed from the stored text, which
the index cuts at 2,000 characters; `manage.py search_reindex` after deploying rebuilds them in full.
"""

from django.db import migrations


def mask_public_copies(apps, schema_editor):
    from apps.core.privacy import personal_numbers_mask
    from apps.core.search.segment import document_terms

    SearchEntry = apps.get_model("core", "SearchEntry")
    for entry in SearchEntry.objects.filter(kind="hubs.report").iterator():
        title, text = personal_numbers_mask(entry.title), personal_numbers_mask(entry.text)
        if (title, text) != (entry.title, entry.text):
            entry.title, entry.text, entry.terms = title, text, document_terms(title, title, text)
            entry.save(update_fields=["title", "text", "terms"])

    ReportPhoto = apps.get_model("hubs", "ReportPhoto")
    for photo in ReportPhoto.objects.select_related("image").iterator():
        alt = personal_numbers_mask(photo.image.alt)
        if alt != photo.image.alt:
            photo.image.alt = alt
            photo.image.save(update_fields=["alt"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_sitesettings_study_hours_target"),
        ("hubs", "0003_consultation_meeting"),
    ]

    operations = [migrations.RunPython(mask_public_copies, migrations.RunPython.noop, elidable=True)]
