package se.delaktig.round;

public enum Gender { GIRL, BOY, OTHER }
