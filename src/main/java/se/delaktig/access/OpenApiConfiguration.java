package se.delaktig.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs, including how to authenticate with a personal token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI delaktigOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Delaktig API").version("v1")
                        .description("Rounds, participants (pseudonyms only), interviews, guides and counts. "
                                + "Errors are RFC 9457 problem details. Authenticate with a personal API token "
                                + "(Authorization: Bearer dlk_…, created on the profile page) or with the browser "
                                + "session plus the CSRF header from the page's <meta name=\"_csrf\">."))
                .components(new Components().addSecuritySchemes("token",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A personal API token from the profile page")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
