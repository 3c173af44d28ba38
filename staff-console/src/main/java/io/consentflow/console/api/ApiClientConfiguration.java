package io.consentflow.console.api;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * One HTTP client for all four services. Its interceptor takes the signed-in person's authorized client (refreshing
 * the access token when it expired) and sends the access token as bearer: the console has no credential of its own.
 */
@Configuration(proxyBeanMethods = false)
class ApiClientConfiguration {

    /** The client registration the console signs in with (spring.security.oauth2.client.registration.*). */
    static final String REGISTRATION = "consentflow";

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    StaffApi staffApi(OAuth2AuthorizedClientManager manager, ServiceUrls urls) {
        var bearer = new OAuth2ClientHttpRequestInterceptor(manager);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION);
        var timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(3));
        timeouts.setReadTimeout(Duration.ofSeconds(30));
        RestClient client = RestClient.builder().requestFactory(timeouts).requestInterceptor(bearer).build();
        return new StaffApi(client, urls);
    }
}
