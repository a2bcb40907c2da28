from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import Cohort, Membership, User

DEMO_PASSWORD = "practise-interviews"
DEMO_USERS = [
    ("candidate@example.com", "Casey", User.Role.CANDIDATE),
    ("staff@example.com", "Sam", User.Role.STAFF),
]
DEMO_COHORT = "Demo cohort"


class Command(BaseCommand):
    help = "Creates a demo candidate and a demo career-centre staff member (embedded mode only). Safe to run again."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo users have a published password; they are never created in production.")
        users = {}
        for email, first_name, role in DEMO_USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, first_name=first_name, role=role)
            EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            users[role] = user
        cohort = Cohort.objects.filter(name=DEMO_COHORT, staff=users[User.Role.STAFF]).first()
        if cohort is None:
            cohort = services.create_cohort(staff_member=users[User.Role.STAFF], name=DEMO_COHORT)
        Membership.objects.get_or_create(user=users[User.Role.CANDIDATE], cohort=cohort)
        self.stdout.write(f"Demo logins (password for both: {DEMO_PASSWORD})")
        for email, _, role in DEMO_USERS:
            self.stdout.write(f"  {User.Role(role).label:<20} {email}")
        self.stdout.write(f"  Demo cohort invite code: {cohort.invite_code}")
