ROOT_URLCONF = "project.urls"
INSTALLED_APPS = ["rest_framework", "orders", "payments"]
