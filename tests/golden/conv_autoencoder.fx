DenoisingAutoencoder(
  (encoder): Module(
    (0): Conv2d(1, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
    (1): ReLU(inplace=True)
    (2): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
    (3): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (4): ReLU(inplace=True)
    (5): Conv2d(32, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
    (6): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (7): ReLU(inplace=True)
  )
  (bottleneck): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (up1): Module(
    (0): ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), bias=False)
    (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (up2): Module(
    (0): ConvTranspose2d(32, 16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)
    (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (refine): ConvTranspose2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (pool): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (up3): Module(
    (0): ConvTranspose2d(16, 16, kernel_size=(2, 2), stride=(2, 2), bias=False)
    (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (out): Conv2d(16, 1, kernel_size=(1, 1), stride=(1, 1))
)



def forward(self, x):
    encoder_0 = getattr(self.encoder, "0")(x);  x = None
    encoder_1 = getattr(self.encoder, "1")(encoder_0);  encoder_0 = None
    encoder_2 = getattr(self.encoder, "2")(encoder_1);  encoder_1 = None
    encoder_3 = getattr(self.encoder, "3")(encoder_2);  encoder_2 = None
    encoder_4 = getattr(self.encoder, "4")(encoder_3);  encoder_3 = None
    encoder_5 = getattr(self.encoder, "5")(encoder_4);  encoder_4 = None
    encoder_6 = getattr(self.encoder, "6")(encoder_5);  encoder_5 = None
    encoder_7 = getattr(self.encoder, "7")(encoder_6);  encoder_6 = None
    bottleneck = self.bottleneck(encoder_7)
    relu = torch.relu(bottleneck);  bottleneck = None
    add = relu + encoder_7;  relu = encoder_7 = None
    up1_0 = getattr(self.up1, "0")(add);  add = None
    up1_1 = getattr(self.up1, "1")(up1_0);  up1_0 = None
    up1_2 = getattr(self.up1, "2")(up1_1);  up1_1 = None
    up2_0 = getattr(self.up2, "0")(up1_2);  up1_2 = None
    up2_1 = getattr(self.up2, "1")(up2_0);  up2_0 = None
    up2_2 = getattr(self.up2, "2")(up2_1);  up2_1 = None
    refine = self.refine(up2_2);  up2_2 = None
    pool = self.pool(refine);  refine = None
    up3_0 = getattr(self.up3, "0")(pool);  pool = None
    up3_1 = getattr(self.up3, "1")(up3_0);  up3_0 = None
    up3_2 = getattr(self.up3, "2")(up3_1);  up3_1 = None
    out = self.out(up3_2);  up3_2 = None
    return out
    
