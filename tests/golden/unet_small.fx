UNet(
  (inc): Module(
    (double_conv): Module(
      (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): LeakyReLU(negative_slope=0.1, inplace=True)
      (3): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (4): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): LeakyReLU(negative_slope=0.1, inplace=True)
    )
  )
  (down1): Module(
    (maxpool_conv): Module(
      (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
      (1): Module(
        (double_conv): Module(
          (0): Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (2): LeakyReLU(negative_slope=0.1, inplace=True)
          (3): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): LeakyReLU(negative_slope=0.1, inplace=True)
        )
      )
    )
  )
  (down2): Module(
    (maxpool_conv): Module(
      (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
      (1): Module(
        (double_conv): Module(
          (0): Conv2d(16, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (2): LeakyReLU(negative_slope=0.1, inplace=True)
          (3): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): LeakyReLU(negative_slope=0.1, inplace=True)
        )
      )
    )
  )
  (bottleneck): Module(
    (dwconv): Conv2d(32, 32, kernel_size=(7, 7), stride=(1, 1), padding=(3, 3), groups=32)
    (pwconv1): Linear(in_features=32, out_features=128, bias=True)
    (act): GELU(approximate='none')
    (pwconv2): Linear(in_features=128, out_features=32, bias=True)
  )
  (up1): Module(
    (up): Upsample(scale_factor=2.0, mode=bilinear)
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(48, 24, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(24, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): LeakyReLU(negative_slope=0.1, inplace=True)
        (3): Conv2d(24, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): LeakyReLU(negative_slope=0.1, inplace=True)
      )
    )
  )
  (up2): Module(
    (up): Upsample(scale_factor=2.0, mode=bilinear)
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(24, 12, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(12, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): LeakyReLU(negative_slope=0.1, inplace=True)
        (3): Conv2d(12, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): LeakyReLU(negative_slope=0.1, inplace=True)
      )
    )
  )
  (head): Module(
    (0): Dropout2d(p=0.1, inplace=False)
    (1): Conv2d(8, 4, kernel_size=(1, 1), stride=(1, 1))
  )
  (softmax): Softmax(dim=1)
)



def forward(self, x):
    getattr_1 = x.shape
    getitem = getattr_1[slice(-2, None, None)];  getattr_1 = None
    inc_double_conv_0 = getattr(self.inc.double_conv, "0")(x);  x = None
    inc_double_conv_1 = getattr(self.inc.double_conv, "1")(inc_double_conv_0);  inc_double_conv_0 = None
    inc_double_conv_2 = getattr(self.inc.double_conv, "2")(inc_double_conv_1);  inc_double_conv_1 = None
    inc_double_conv_3 = getattr(self.inc.double_conv, "3")(inc_double_conv_2);  inc_double_conv_2 = None
    inc_double_conv_4 = getattr(self.inc.double_conv, "4")(inc_double_conv_3);  inc_double_conv_3 = None
    inc_double_conv_5 = getattr(self.inc.double_conv, "5")(inc_double_conv_4);  inc_double_conv_4 = None
    down1_maxpool_conv_0 = getattr(self.down1.maxpool_conv, "0")(inc_double_conv_5)
    down1_maxpool_conv_1_double_conv_0 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "0")(down1_maxpool_conv_0);  down1_maxpool_conv_0 = None
    down1_maxpool_conv_1_double_conv_1 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "1")(down1_maxpool_conv_1_double_conv_0);  down1_maxpool_conv_1_double_conv_0 = None
    down1_maxpool_conv_1_double_conv_2 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "2")(down1_maxpool_conv_1_double_conv_1);  down1_maxpool_conv_1_double_conv_1 = None
    down1_maxpool_conv_1_double_conv_3 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "3")(down1_maxpool_conv_1_double_conv_2);  down1_maxpool_conv_1_double_conv_2 = None
    down1_maxpool_conv_1_double_conv_4 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "4")(down1_maxpool_conv_1_double_conv_3);  down1_maxpool_conv_1_double_conv_3 = None
    down1_maxpool_conv_1_double_conv_5 = getattr(getattr(self.down1.maxpool_conv, "1").double_conv, "5")(down1_maxpool_conv_1_double_conv_4);  down1_maxpool_conv_1_double_conv_4 = None
    down2_maxpool_conv_0 = getattr(self.down2.maxpool_conv, "0")(down1_maxpool_conv_1_double_conv_5)
    down2_maxpool_conv_1_double_conv_0 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "0")(down2_maxpool_conv_0);  down2_maxpool_conv_0 = None
    down2_maxpool_conv_1_double_conv_1 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "1")(down2_maxpool_conv_1_double_conv_0);  down2_maxpool_conv_1_double_conv_0 = None
    down2_maxpool_conv_1_double_conv_2 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "2")(down2_maxpool_conv_1_double_conv_1);  down2_maxpool_conv_1_double_conv_1 = None
    down2_maxpool_conv_1_double_conv_3 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "3")(down2_maxpool_conv_1_double_conv_2);  down2_maxpool_conv_1_double_conv_2 = None
    down2_maxpool_conv_1_double_conv_4 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "4")(down2_maxpool_conv_1_double_conv_3);  down2_maxpool_conv_1_double_conv_3 = None
    down2_maxpool_conv_1_double_conv_5 = getattr(getattr(self.down2.maxpool_conv, "1").double_conv, "5")(down2_maxpool_conv_1_double_conv_4);  down2_maxpool_conv_1_double_conv_4 = None
    bottleneck_dwconv = self.bottleneck.dwconv(down2_maxpool_conv_1_double_conv_5)
    permute = bottleneck_dwconv.permute(0, 2, 3, 1);  bottleneck_dwconv = None
    bottleneck_pwconv1 = self.bottleneck.pwconv1(permute);  permute = None
    bottleneck_act = self.bottleneck.act(bottleneck_pwconv1);  bottleneck_pwconv1 = None
    bottleneck_pwconv2 = self.bottleneck.pwconv2(bottleneck_act);  bottleneck_act = None
    permute_1 = bottleneck_pwconv2.permute(0, 3, 1, 2);  bottleneck_pwconv2 = None
    add = down2_maxpool_conv_1_double_conv_5 + permute_1;  down2_maxpool_conv_1_double_conv_5 = permute_1 = None
    up1_up = self.up1.up(add);  add = None
    cat = torch.cat([down1_maxpool_conv_1_double_conv_5, up1_up], dim = 1);  down1_maxpool_conv_1_double_conv_5 = up1_up = None
    up1_conv_double_conv_0 = getattr(self.up1.conv.double_conv, "0")(cat);  cat = None
    up1_conv_double_conv_1 = getattr(self.up1.conv.double_conv, "1")(up1_conv_double_conv_0);  up1_conv_double_conv_0 = None
    up1_conv_double_conv_2 = getattr(self.up1.conv.double_conv, "2")(up1_conv_double_conv_1);  up1_conv_double_conv_1 = None
    up1_conv_double_conv_3 = getattr(self.up1.conv.double_conv, "3")(up1_conv_double_conv_2);  up1_conv_double_conv_2 = None
    up1_conv_double_conv_4 = getattr(self.up1.conv.double_conv, "4")(up1_conv_double_conv_3);  up1_conv_double_conv_3 = None
    up1_conv_double_conv_5 = getattr(self.up1.conv.double_conv, "5")(up1_conv_double_conv_4);  up1_conv_double_conv_4 = None
    up2_up = self.up2.up(up1_conv_double_conv_5);  up1_conv_double_conv_5 = None
    cat_1 = torch.cat([inc_double_conv_5, up2_up], dim = 1);  inc_double_conv_5 = up2_up = None
    up2_conv_double_conv_0 = getattr(self.up2.conv.double_conv, "0")(cat_1);  cat_1 = None
    up2_conv_double_conv_1 = getattr(self.up2.conv.double_conv, "1")(up2_conv_double_conv_0);  up2_conv_double_conv_0 = None
    up2_conv_double_conv_2 = getattr(self.up2.conv.double_conv, "2")(up2_conv_double_conv_1);  up2_conv_double_conv_1 = None
    up2_conv_double_conv_3 = getattr(self.up2.conv.double_conv, "3")(up2_conv_double_conv_2);  up2_conv_double_conv_2 = None
    up2_conv_double_conv_4 = getattr(self.up2.conv.double_conv, "4")(up2_conv_double_conv_3);  up2_conv_double_conv_3 = None
    up2_conv_double_conv_5 = getattr(self.up2.conv.double_conv, "5")(up2_conv_double_conv_4);  up2_conv_double_conv_4 = None
    max_pool2d = torch.nn.functional.max_pool2d(up2_conv_double_conv_5, 2, stride = None, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  up2_conv_double_conv_5 = None
    head_0 = getattr(self.head, "0")(max_pool2d);  max_pool2d = None
    head_1 = getattr(self.head, "1")(head_0);  head_0 = None
    interpolate = torch.nn.functional.interpolate(head_1, size = getitem, scale_factor = None, mode = 'bilinear', align_corners = False, recompute_scale_factor = None, antialias = False);  head_1 = getitem = None
    softmax = self.softmax(interpolate);  interpolate = None
    return softmax
    
