package io.consentflow.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * {@link MongoCollections} from the Boot-configured reactive client, in the database Boot would choose
 * ({@code spring.mongodb.database}, else the one in {@code spring.mongodb.uri}), like Spring Data's factory did.
 */
@AutoConfiguration(after = MongoReactiveAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
public class MongoPlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoClient.class)
    public MongoCollections mongoCollections(MongoClient client, MongoProperties properties,
            MongoConnectionDetails connection) {
        String database = StringUtils.hasText(properties.getDatabase()) ? properties.getDatabase()
                : connection.getConnectionString().getDatabase();
        return new MongoCollections(client, database);
    }
}
