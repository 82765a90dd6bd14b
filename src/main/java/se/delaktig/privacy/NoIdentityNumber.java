package se.delaktig.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Rejects free text that contains a Swedish identity or coordination number. */
@Documented
@Constraint(validatedBy = NoIdentityNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoIdentityNumber {

    String message() default "{privacy.identityNumber}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoIdentityNumber, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return !IdentityNumbers.containsIdentityNumber(value);
        }
    }
}
