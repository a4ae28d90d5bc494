from django.urls import path

from .views import cart
from .views import catalog
from .views import pages
from .views import search

urlpatterns = [
    path("catalog/0/", catalog.catalog_0),
    path("catalog/1/", catalog.catalog_1),
    path("catalog/2/", catalog.catalog_2),
    path("catalog/3/", catalog.catalog_3),
    path("catalog/4/", catalog.catalog_4),
    path("catalog/5/", catalog.catalog_5),
    path("catalog/6/", catalog.catalog_6),
    path("catalog/7/", catalog.catalog_7),
    path("cart/0/", cart.cart_0),
    path("cart/1/", cart.cart_1),
    path("cart/2/", cart.cart_2),
    path("cart/3/", cart.cart_3),
    path("cart/4/", cart.cart_4),
    path("cart/5/", cart.cart_5),
    path("cart/6/", cart.cart_6),
    path("cart/7/", cart.cart_7),
    path("pages/0/", pages.pages_0),
    path("pages/1/", pages.pages_1),
    path("pages/2/", pages.pages_2),
    path("pages/3/", pages.pages_3),
    path("pages/4/", pages.pages_4),
    path("pages/5/", pages.pages_5),
    path("pages/6/", pages.pages_6),
    path("pages/7/", pages.pages_7),
    path("search/0/", search.search_0),
    path("search/1/", search.search_1),
    path("search/2/", search.search_2),
    path("search/3/", search.search_3),
    path("search/4/", search.search_4),
    path("search/5/", search.search_5),
    path("search/6/", search.search_6),
    path("search/7/", search.search_7),
]
