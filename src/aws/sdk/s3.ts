/** The AWS SDK's S3 client as net-wizard calls it (see ec2.ts): the state bucket's checks. Import lazily. */
export { S3Client, HeadBucketCommand, GetBucketVersioningCommand } from '@aws-sdk/client-s3';
