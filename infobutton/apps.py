from django.apps import AppConfig


class InfobuttonConfig(AppConfig):
    name = "infobutton"
