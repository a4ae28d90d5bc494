class Settings:
    API_V1_STR = "/api/v1"


settings = Settings()
