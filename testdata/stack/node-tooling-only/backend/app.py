print("the backend is Python; this folder has no Node manifest")
