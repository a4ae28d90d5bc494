from django.test import TestCase


class SignupTests(TestCase):
    def test_signup_page(self):
        self.assertEqual(self.client.get("/signup/").status_code, 200)
