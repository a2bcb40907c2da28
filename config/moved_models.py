"""For the migrations that moved models between apps (resumes, staff, assignments, reviews 0001)."""


def content_types_follow(old_app: str, new_app: str, models: list[str]):
    """A RunPython function: the moved models' content types (which permissions and the admin's
    history point at) take the new app's label."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=new_app, model=model).exists():
                ContentType.objects.filter(app_label=old_app, model=model).update(app_label=new_app)

    return move
