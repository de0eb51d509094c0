# Production image of the application. Build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:21-jre
RUN useradd --system --create-home --home-dir /var/lib/ris-pacs ris
COPY app/target/ris-pacs.jar /opt/ris-pacs/ris-pacs.jar
USER ris
WORKDIR /var/lib/ris-pacs
EXPOSE 8080 11112 2575
ENTRYPOINT ["java", "-jar", "/opt/ris-pacs/ris-pacs.jar"]
