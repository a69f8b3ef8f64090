UNet(
  (inc): Module(
    (double_conv): Module(
      (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (4): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
  )
  (down1): Module(
    (maxpool_conv): Module(
      (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
      (1): Module(
        (double_conv): Module(
          (0): Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (2): ReLU(inplace=True)
          (3): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): ReLU(inplace=True)
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
          (2): ReLU(inplace=True)
          (3): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): ReLU(inplace=True)
        )
      )
    )
  )
  (down3): Module(
    (maxpool_conv): Module(
      (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
      (1): Module(
        (double_conv): Module(
          (0): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (2): ReLU(inplace=True)
          (3): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): ReLU(inplace=True)
        )
      )
    )
  )
  (down4): Module(
    (maxpool_conv): Module(
      (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
      (1): Module(
        (double_conv): Module(
          (0): Conv2d(64, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (2): ReLU(inplace=True)
          (3): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
          (4): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
          (5): ReLU(inplace=True)
        )
      )
    )
  )
  (up1): Module(
    (up): ConvTranspose2d(128, 64, kernel_size=(2, 2), stride=(2, 2))
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(128, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
      )
    )
  )
  (up2): Module(
    (up): ConvTranspose2d(64, 32, kernel_size=(2, 2), stride=(2, 2))
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(64, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
      )
    )
  )
  (up3): Module(
    (up): ConvTranspose2d(32, 16, kernel_size=(2, 2), stride=(2, 2))
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(32, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
      )
    )
  )
  (up4): Module(
    (up): ConvTranspose2d(16, 8, kernel_size=(2, 2), stride=(2, 2))
    (conv): Module(
      (double_conv): Module(
        (0): Conv2d(16, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (4): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): ReLU(inplace=True)
      )
    )
  )
  (outc): Module(
    (conv): Conv2d(8, 2, kernel_size=(1, 1), stride=(1, 1))
  )
)



def forward(self, x):
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
    down3_maxpool_conv_0 = getattr(self.down3.maxpool_conv, "0")(down2_maxpool_conv_1_double_conv_5)
    down3_maxpool_conv_1_double_conv_0 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "0")(down3_maxpool_conv_0);  down3_maxpool_conv_0 = None
    down3_maxpool_conv_1_double_conv_1 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "1")(down3_maxpool_conv_1_double_conv_0);  down3_maxpool_conv_1_double_conv_0 = None
    down3_maxpool_conv_1_double_conv_2 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "2")(down3_maxpool_conv_1_double_conv_1);  down3_maxpool_conv_1_double_conv_1 = None
    down3_maxpool_conv_1_double_conv_3 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "3")(down3_maxpool_conv_1_double_conv_2);  down3_maxpool_conv_1_double_conv_2 = None
    down3_maxpool_conv_1_double_conv_4 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "4")(down3_maxpool_conv_1_double_conv_3);  down3_maxpool_conv_1_double_conv_3 = None
    down3_maxpool_conv_1_double_conv_5 = getattr(getattr(self.down3.maxpool_conv, "1").double_conv, "5")(down3_maxpool_conv_1_double_conv_4);  down3_maxpool_conv_1_double_conv_4 = None
    down4_maxpool_conv_0 = getattr(self.down4.maxpool_conv, "0")(down3_maxpool_conv_1_double_conv_5)
    down4_maxpool_conv_1_double_conv_0 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "0")(down4_maxpool_conv_0);  down4_maxpool_conv_0 = None
    down4_maxpool_conv_1_double_conv_1 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "1")(down4_maxpool_conv_1_double_conv_0);  down4_maxpool_conv_1_double_conv_0 = None
    down4_maxpool_conv_1_double_conv_2 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "2")(down4_maxpool_conv_1_double_conv_1);  down4_maxpool_conv_1_double_conv_1 = None
    down4_maxpool_conv_1_double_conv_3 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "3")(down4_maxpool_conv_1_double_conv_2);  down4_maxpool_conv_1_double_conv_2 = None
    down4_maxpool_conv_1_double_conv_4 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "4")(down4_maxpool_conv_1_double_conv_3);  down4_maxpool_conv_1_double_conv_3 = None
    down4_maxpool_conv_1_double_conv_5 = getattr(getattr(self.down4.maxpool_conv, "1").double_conv, "5")(down4_maxpool_conv_1_double_conv_4);  down4_maxpool_conv_1_double_conv_4 = None
    up1_up = self.up1.up(down4_maxpool_conv_1_double_conv_5);  down4_maxpool_conv_1_double_conv_5 = None
    size = down3_maxpool_conv_1_double_conv_5.size()
    getitem = size[2];  size = None
    size_1 = up1_up.size()
    getitem_1 = size_1[2];  size_1 = None
    sub = getitem - getitem_1;  getitem = getitem_1 = None
    size_2 = down3_maxpool_conv_1_double_conv_5.size()
    getitem_2 = size_2[3];  size_2 = None
    size_3 = up1_up.size()
    getitem_3 = size_3[3];  size_3 = None
    sub_1 = getitem_2 - getitem_3;  getitem_2 = getitem_3 = None
    floordiv = sub_1 // 2
    floordiv_1 = sub_1 // 2
    sub_2 = sub_1 - floordiv_1;  sub_1 = floordiv_1 = None
    floordiv_2 = sub // 2
    floordiv_3 = sub // 2
    sub_3 = sub - floordiv_3;  sub = floordiv_3 = None
    pad = torch.nn.functional.pad(up1_up, [floordiv, sub_2, floordiv_2, sub_3]);  up1_up = floordiv = sub_2 = floordiv_2 = sub_3 = None
    cat = torch.cat([down3_maxpool_conv_1_double_conv_5, pad], dim = 1);  down3_maxpool_conv_1_double_conv_5 = pad = None
    up1_conv_double_conv_0 = getattr(self.up1.conv.double_conv, "0")(cat);  cat = None
    up1_conv_double_conv_1 = getattr(self.up1.conv.double_conv, "1")(up1_conv_double_conv_0);  up1_conv_double_conv_0 = None
    up1_conv_double_conv_2 = getattr(self.up1.conv.double_conv, "2")(up1_conv_double_conv_1);  up1_conv_double_conv_1 = None
    up1_conv_double_conv_3 = getattr(self.up1.conv.double_conv, "3")(up1_conv_double_conv_2);  up1_conv_double_conv_2 = None
    up1_conv_double_conv_4 = getattr(self.up1.conv.double_conv, "4")(up1_conv_double_conv_3);  up1_conv_double_conv_3 = None
    up1_conv_double_conv_5 = getattr(self.up1.conv.double_conv, "5")(up1_conv_double_conv_4);  up1_conv_double_conv_4 = None
    up2_up = self.up2.up(up1_conv_double_conv_5);  up1_conv_double_conv_5 = None
    size_4 = down2_maxpool_conv_1_double_conv_5.size()
    getitem_4 = size_4[2];  size_4 = None
    size_5 = up2_up.size()
    getitem_5 = size_5[2];  size_5 = None
    sub_4 = getitem_4 - getitem_5;  getitem_4 = getitem_5 = None
    size_6 = down2_maxpool_conv_1_double_conv_5.size()
    getitem_6 = size_6[3];  size_6 = None
    size_7 = up2_up.size()
    getitem_7 = size_7[3];  size_7 = None
    sub_5 = getitem_6 - getitem_7;  getitem_6 = getitem_7 = None
    floordiv_4 = sub_5 // 2
    floordiv_5 = sub_5 // 2
    sub_6 = sub_5 - floordiv_5;  sub_5 = floordiv_5 = None
    floordiv_6 = sub_4 // 2
    floordiv_7 = sub_4 // 2
    sub_7 = sub_4 - floordiv_7;  sub_4 = floordiv_7 = None
    pad_1 = torch.nn.functional.pad(up2_up, [floordiv_4, sub_6, floordiv_6, sub_7]);  up2_up = floordiv_4 = sub_6 = floordiv_6 = sub_7 = None
    cat_1 = torch.cat([down2_maxpool_conv_1_double_conv_5, pad_1], dim = 1);  down2_maxpool_conv_1_double_conv_5 = pad_1 = None
    up2_conv_double_conv_0 = getattr(self.up2.conv.double_conv, "0")(cat_1);  cat_1 = None
    up2_conv_double_conv_1 = getattr(self.up2.conv.double_conv, "1")(up2_conv_double_conv_0);  up2_conv_double_conv_0 = None
    up2_conv_double_conv_2 = getattr(self.up2.conv.double_conv, "2")(up2_conv_double_conv_1);  up2_conv_double_conv_1 = None
    up2_conv_double_conv_3 = getattr(self.up2.conv.double_conv, "3")(up2_conv_double_conv_2);  up2_conv_double_conv_2 = None
    up2_conv_double_conv_4 = getattr(self.up2.conv.double_conv, "4")(up2_conv_double_conv_3);  up2_conv_double_conv_3 = None
    up2_conv_double_conv_5 = getattr(self.up2.conv.double_conv, "5")(up2_conv_double_conv_4);  up2_conv_double_conv_4 = None
    up3_up = self.up3.up(up2_conv_double_conv_5);  up2_conv_double_conv_5 = None
    size_8 = down1_maxpool_conv_1_double_conv_5.size()
    getitem_8 = size_8[2];  size_8 = None
    size_9 = up3_up.size()
    getitem_9 = size_9[2];  size_9 = None
    sub_8 = getitem_8 - getitem_9;  getitem_8 = getitem_9 = None
    size_10 = down1_maxpool_conv_1_double_conv_5.size()
    getitem_10 = size_10[3];  size_10 = None
    size_11 = up3_up.size()
    getitem_11 = size_11[3];  size_11 = None
    sub_9 = getitem_10 - getitem_11;  getitem_10 = getitem_11 = None
    floordiv_8 = sub_9 // 2
    floordiv_9 = sub_9 // 2
    sub_10 = sub_9 - floordiv_9;  sub_9 = floordiv_9 = None
    floordiv_10 = sub_8 // 2
    floordiv_11 = sub_8 // 2
    sub_11 = sub_8 - floordiv_11;  sub_8 = floordiv_11 = None
    pad_2 = torch.nn.functional.pad(up3_up, [floordiv_8, sub_10, floordiv_10, sub_11]);  up3_up = floordiv_8 = sub_10 = floordiv_10 = sub_11 = None
    cat_2 = torch.cat([down1_maxpool_conv_1_double_conv_5, pad_2], dim = 1);  down1_maxpool_conv_1_double_conv_5 = pad_2 = None
    up3_conv_double_conv_0 = getattr(self.up3.conv.double_conv, "0")(cat_2);  cat_2 = None
    up3_conv_double_conv_1 = getattr(self.up3.conv.double_conv, "1")(up3_conv_double_conv_0);  up3_conv_double_conv_0 = None
    up3_conv_double_conv_2 = getattr(self.up3.conv.double_conv, "2")(up3_conv_double_conv_1);  up3_conv_double_conv_1 = None
    up3_conv_double_conv_3 = getattr(self.up3.conv.double_conv, "3")(up3_conv_double_conv_2);  up3_conv_double_conv_2 = None
    up3_conv_double_conv_4 = getattr(self.up3.conv.double_conv, "4")(up3_conv_double_conv_3);  up3_conv_double_conv_3 = None
    up3_conv_double_conv_5 = getattr(self.up3.conv.double_conv, "5")(up3_conv_double_conv_4);  up3_conv_double_conv_4 = None
    up4_up = self.up4.up(up3_conv_double_conv_5);  up3_conv_double_conv_5 = None
    size_12 = inc_double_conv_5.size()
    getitem_12 = size_12[2];  size_12 = None
    size_13 = up4_up.size()
    getitem_13 = size_13[2];  size_13 = None
    sub_12 = getitem_12 - getitem_13;  getitem_12 = getitem_13 = None
    size_14 = inc_double_conv_5.size()
    getitem_14 = size_14[3];  size_14 = None
    size_15 = up4_up.size()
    getitem_15 = size_15[3];  size_15 = None
    sub_13 = getitem_14 - getitem_15;  getitem_14 = getitem_15 = None
    floordiv_12 = sub_13 // 2
    floordiv_13 = sub_13 // 2
    sub_14 = sub_13 - floordiv_13;  sub_13 = floordiv_13 = None
    floordiv_14 = sub_12 // 2
    floordiv_15 = sub_12 // 2
    sub_15 = sub_12 - floordiv_15;  sub_12 = floordiv_15 = None
    pad_3 = torch.nn.functional.pad(up4_up, [floordiv_12, sub_14, floordiv_14, sub_15]);  up4_up = floordiv_12 = sub_14 = floordiv_14 = sub_15 = None
    cat_3 = torch.cat([inc_double_conv_5, pad_3], dim = 1);  inc_double_conv_5 = pad_3 = None
    up4_conv_double_conv_0 = getattr(self.up4.conv.double_conv, "0")(cat_3);  cat_3 = None
    up4_conv_double_conv_1 = getattr(self.up4.conv.double_conv, "1")(up4_conv_double_conv_0);  up4_conv_double_conv_0 = None
    up4_conv_double_conv_2 = getattr(self.up4.conv.double_conv, "2")(up4_conv_double_conv_1);  up4_conv_double_conv_1 = None
    up4_conv_double_conv_3 = getattr(self.up4.conv.double_conv, "3")(up4_conv_double_conv_2);  up4_conv_double_conv_2 = None
    up4_conv_double_conv_4 = getattr(self.up4.conv.double_conv, "4")(up4_conv_double_conv_3);  up4_conv_double_conv_3 = None
    up4_conv_double_conv_5 = getattr(self.up4.conv.double_conv, "5")(up4_conv_double_conv_4);  up4_conv_double_conv_4 = None
    outc_conv = self.outc.conv(up4_conv_double_conv_5);  up4_conv_double_conv_5 = None
    return outc_conv
    
