package se.delaktig.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write endpoint (a POST that only checks text, such as the quote check) that stores none of
 * the text it receives, so the identity-number guard in front of every write lets an identity number
 * through to it. Every other write is refused when any of its fields holds one: forgetting this
 * annotation costs a refused check, never a stored number.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface StoresNoText {

    /** Why nothing of the text is stored, for the reader of the code. */
    String value();
}
