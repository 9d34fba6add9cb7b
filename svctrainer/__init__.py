"""svctrainer: practise the basic skills and customer handling that decide how long
bank customers wait and how they feel when they leave."""

__version__ = "0.1.0"
