"""On PostgreSQL the payment log refuses UPDATE and DELETE in the database itself, not only through the ORM."""

from django.db import migrations

from motcua.core.append_only import append_only_table


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [append_only_table("payments_paymentevent")]
